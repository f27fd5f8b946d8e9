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

/** Builds a one-key layer input from a dotted path: ("sim.scale", 5) → { sim: { scale: 5 } }. */
export function nest(keyPath: string, value: unknown): Record<string, unknown> {
  const keys = keyPath.split('.');
  let node: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) node = { [keys[i] ?? '']: node };
  return node as Record<string, unknown>;
}
