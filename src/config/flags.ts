/** Command-line flags, already parsed by the CLI; applied last and validated like the file. */
import { ConfigError } from '../errors';
import type { ColorMode, ConfigLayer } from './schema';
import { FLAG_KEYS, nest } from './plain-layers';
import { validateLayer } from './validate';

export type ConfigFlags = Partial<{
  config: string;
  scenario: string;
  scale: number;
  seed: number;
  readOnly: boolean;
  ascii: boolean;
  color: ColorMode;
}>;

export function flagLayers(flags: ConfigFlags): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  for (const [flag, [name, key]] of Object.entries(FLAG_KEYS)) {
    const value = flags[flag as keyof typeof FLAG_KEYS];
    if (value !== undefined) layers.push(flagLayer(name, key, value));
  }
  return layers;
}

/** A flag's value checked as its config key, but a problem names the flag alone: "--scenario: expected one of …". */
function flagLayer(name: string, key: string, value: unknown): ConfigLayer {
  try {
    return validateLayer(nest(key, value), name);
  } catch (error) {
    const prefix = `${name}: ${key}: `;
    if (!(error instanceof ConfigError) || !error.message.startsWith(prefix)) throw error;
    const named = new ConfigError(name, key, error.message.slice(prefix.length), { cause: error.cause });
    named.message = `${name}: ${error.message.slice(prefix.length)}`;
    throw named;
  }
}
