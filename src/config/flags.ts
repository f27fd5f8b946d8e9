/** Command-line flags, already parsed by the CLI; applied last and validated like the file. */
import type { ColorMode, ConfigLayer } from './schema';
import { nest, validateLayer } from './validate';

export type ConfigFlags = Partial<{
  config: string;
  scenario: string;
  scale: number;
  seed: number;
  readOnly: boolean;
  ascii: boolean;
  color: ColorMode;
}>;

/** Flag → [as typed on the command line, dotted config key]. `config` picks the file, see paths.ts. */
const FLAG_KEYS = {
  scenario: ['--scenario', 'sim.scenario'],
  scale: ['--scale', 'sim.scale'],
  seed: ['--seed', 'sim.seed'],
  readOnly: ['--read-only', 'ui.readOnly'],
  ascii: ['--ascii', 'ui.ascii'],
  color: ['--color', 'ui.color'],
} as const satisfies Record<Exclude<keyof ConfigFlags, 'config'>, readonly [string, string]>;

export function flagLayers(flags: ConfigFlags): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  for (const [flag, [name, key]] of Object.entries(FLAG_KEYS)) {
    const value = flags[flag as keyof typeof FLAG_KEYS];
    if (value !== undefined) layers.push(validateLayer(nest(key, value), name));
  }
  return layers;
}
