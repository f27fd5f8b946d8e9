/** rackpilot's configuration (see load-config.ts): what the rest of the program imports from it. */
export { type LoadedConfig, type LoadOptions, loadConfig } from './load-config';

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
