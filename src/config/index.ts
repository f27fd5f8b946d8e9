/**
 * rackpilot's configuration: defaults < config file < environment < flags, validated by one schema
 * and reported as a single ConfigError that names the file (or variable, or flag) and the key.
 */
import { dirname } from 'node:path';
import { type Config, resolveConfig } from './defaults';
import { type Env, envLayers } from './env';
import { type ConfigFlags, flagLayers } from './flags';
import { readConfigFile } from './load';
import { locateConfig } from './paths';
import { validateLayer } from './validate';

export { ConfigFileError } from './config-error';
export { type Config, DEFAULT_CONFIG, resolveConfig } from './defaults';
export type { LinkConfig, SshSettings, SwitchConfig } from './switches';
export { DEFAULT_SWITCH_COMMANDS, DEFAULT_SWITCH_USER } from './switches';
export { SWITCH_ROLES, type SwitchRole } from './switches-schema';
export { DurationError, formatDuration, MAX_DURATION, MAX_DURATION_TEXT, parseDuration } from './duration';
export { ENV_VARS, type Env, type EnvVar } from './env';
export type { ConfigFlags } from './flags';
export { parseYaml } from './load';
export { type ConfigLocation, defaultConfigPath, locateConfig } from './paths';
export {
  COLOR_MODES,
  type ColorMode,
  type ConfigLayer,
  MAX_SIM_SCALE,
  MODES,
  type Mode,
  SCENARIOS,
  type Scenario,
} from './schema';
export { validateLayer } from './validate';

export interface LoadOptions {
  readonly flags?: ConfigFlags;
  /** Usually process.env; tests pass their own. */
  readonly env: Env;
  /** Base for a relative --config or RACKPILOT_CONFIG path; defaults to process.cwd(). */
  readonly cwd?: string;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The file that was read; absent when no file was found at the default location. */
  readonly file?: string;
  readonly origin: 'file' | 'default';
  /** Things the operator should know but that are not errors, e.g. "no config file at ...". */
  readonly notices: string[];
}

/** Loads, validates and merges the configuration. Throws ConfigError (exit 64) on any problem. */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const flags = options.flags ?? {};
  const { env } = options;
  const location = locateConfig(flags.config, env, options.cwd ?? process.cwd());
  const raw = await readConfigFile(location);
  const found = raw !== undefined;
  const fileLayer = found ? validateLayer(raw, location.path) : {};
  const baseDir = found ? dirname(location.path) : (options.cwd ?? process.cwd());
  const config = await resolveConfig([fileLayer, ...envLayers(env), ...flagLayers(flags)], { env, baseDir });
  const notices: string[] = [];
  if (config.mode === 'real' && config.switches.length === 0 && !config.kubernetes && !config.metalApi && config.backups.length === 0) {
    notices.push('mode is real but no real source is configured: add switches:, kubernetes:, metalApi: or backups: (see README.md)');
  }
  if (!found) {
    const consequence = config.mode === 'sim' ? 'running the simulated rack' : 'using defaults';
    notices.push(`no config file at ${location.path}: ${consequence}`);
  }
  return found ? { config, file: location.path, origin: 'file', notices } : { config, origin: 'default', notices };
}
