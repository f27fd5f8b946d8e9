/**
 * A start without a config file (the simulated rack, `npm start`) has only its flags and variables to check, and
 * their values are nearly always plainly right: a scale the CLI parser already read as a positive integer, a
 * scenario from the list, NO_COLOR. Those become their layers here without the schema, so the first frame does not
 * wait for zod (loading it and building the config schema cost ~15 ms of a ~150 ms first frame, CPU profile). This
 * accepts only what the schema accepts, to the same value (a property test holds it to configFileSchema); anything
 * else, and every config file, goes through the schema for its one clear message.
 */
import { COLOR_MODES, MAX_SIM_SCALE, MODES, SCENARIOS } from './choices';
import { type Env, ENV_VARS, envValue } from './env';
import type { ConfigFlags } from './flags';
import type { ConfigLayer } from './schema';

/** Flag → [as typed on the command line, dotted config key]. `config` picks the file, see paths.ts. */
export const FLAG_KEYS = {
  scenario: ['--scenario', 'sim.scenario'],
  scale: ['--scale', 'sim.scale'],
  seed: ['--seed', 'sim.seed'],
  readOnly: ['--read-only', 'ui.readOnly'],
  ascii: ['--ascii', 'ui.ascii'],
  color: ['--color', 'ui.color'],
} as const satisfies Record<Exclude<keyof ConfigFlags, 'config'>, readonly [string, string]>;

type FlagKey = keyof typeof FLAG_KEYS;

const oneOf = (values: readonly string[]) => (value: unknown) => typeof value === 'string' && values.includes(value);
const isBoolean = (value: unknown) => typeof value === 'boolean';

/** Per dotted config key, the values that are plainly valid; a key without an entry always goes to the schema. */
const PLAIN: Readonly<Record<string, (value: unknown) => boolean>> = {
  mode: oneOf(MODES),
  'sim.scenario': oneOf(SCENARIOS),
  'sim.scale': (value) => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SIM_SCALE,
  'sim.seed': (value) => Number.isSafeInteger(value),
  'ui.readOnly': isBoolean,
  'ui.ascii': isBoolean,
  'ui.color': oneOf(COLOR_MODES),
};

/** The layer for one value, when it is plainly valid for its key; undefined when it needs the schema. */
export function plainLayer(key: string, value: unknown): ConfigLayer | undefined {
  return PLAIN[key]?.(value) ? (nest(key, value) as ConfigLayer) : undefined;
}

/** The flags' layers when every value is plainly valid; undefined when one needs the schema (and its message). */
export function plainFlagLayers(flags: ConfigFlags): ConfigLayer[] | undefined {
  const layers: ConfigLayer[] = [];
  for (const [flag, [, key]] of Object.entries(FLAG_KEYS) as [FlagKey, (typeof FLAG_KEYS)[FlagKey]][]) {
    if (flags[flag] === undefined) continue;
    const layer = plainLayer(key, flags[flag]);
    if (!layer) return undefined;
    layers.push(layer);
  }
  return layers;
}

/** The environment's layers (NO_COLOR, RACKPILOT_SCALE, …) when every value is plainly valid, as env-layers.ts reads them. */
export function plainEnvLayers(env: Env): ConfigLayer[] | undefined {
  const layers: ConfigLayer[] = [];
  for (const variable of ENV_VARS) {
    const text = env[variable.name];
    if (variable.key === null || text === undefined || text === '') continue;
    const layer = plainLayer(variable.key, envValue(variable, text));
    if (!layer) return undefined;
    layers.push(layer);
  }
  return layers;
}

/** Builds a one-key layer input from a dotted path: ("sim.scale", 5) → { sim: { scale: 5 } }. */
export function nest(keyPath: string, value: unknown): Record<string, unknown> {
  const keys = keyPath.split('.');
  let node: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) node = { [keys[i] ?? '']: node };
  return node as Record<string, unknown>;
}
