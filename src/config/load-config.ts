/**
 * rackpilot's configuration: defaults < config file < environment < flags, validated by one schema
 * and reported as a single ConfigError that names the file (or variable, or flag) and the key.
 */
import { dirname } from 'node:path';
import { type Config, resolveConfig } from './defaults';
import type { Env } from './env';
import type { ConfigFlags } from './flags';
import { readConfigFile } from './load';
import { locateConfig } from './paths';
import { plainEnvLayers, plainFlagLayers } from './plain-layers';
import type { ConfigLayer } from './schema';

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
  const baseDir = found ? dirname(location.path) : (options.cwd ?? process.cwd());
  const config = await resolveConfig(await layersOf(raw, location.path, env, flags), { env, baseDir });
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

/** The file's, the environment's and the flags' layers in that order; the schema is loaded when one needs it. */
async function layersOf(raw: unknown, file: string, env: Env, flags: ConfigFlags): Promise<ConfigLayer[]> {
  if (raw === undefined) {
    const fromEnv = plainEnvLayers(env);
    const fromFlags = fromEnv && plainFlagLayers(flags);
    if (fromEnv && fromFlags) return [...fromEnv, ...fromFlags];
  }
  const [{ validateLayer }, { envLayers }, { flagLayers }] = await Promise.all([import('./validate'), import('./env-layers'), import('./flags')]);
  return [raw === undefined ? {} : validateLayer(raw, file), ...envLayers(env), ...flagLayers(flags)];
}
