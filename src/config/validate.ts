/** Validates one layer (file contents, one environment variable, one flag) against the schema. */
import { issueToConfigError } from './config-error';
import { type ConfigLayer, configFileSchema } from './schema';

export function validateLayer(raw: unknown, source: string): ConfigLayer {
  // An empty file (or one with only comments) parses as null: that means "all defaults".
  const input = raw === null || raw === undefined ? {} : raw;
  const result = configFileSchema.safeParse(input, { error: () => 'expected a valid value' });
  if (!result.success) throw issueToConfigError(result.error, source, input);
  return result.data;
}
