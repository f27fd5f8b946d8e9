/** Where the config file lives: --config, else RACKPILOT_CONFIG, else the XDG default. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from './env';
import { ConfigFileError } from './config-file-error';

export interface ConfigLocation {
  readonly path: string;
  /** Who named the file; a file named by --config or RACKPILOT_CONFIG must exist. */
  readonly via: '--config' | 'RACKPILOT_CONFIG' | 'default';
}

function home(env: Env): string {
  return env.HOME || homedir();
}

// Quoted values such as RACKPILOT_CONFIG="~/rack.yaml" reach us without shell tilde expansion.
function expand(path: string, env: Env, cwd: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? join(home(env), path.slice(1)) : path;
  return resolve(cwd, expanded);
}

export function defaultConfigPath(env: Env): string {
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(home(env), '.config');
  return join(base, 'rackpilot', 'config.yaml');
}

export function locateConfig(flag: string | undefined, env: Env, cwd: string): ConfigLocation {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new ConfigFileError('--config', 'expected a file path, got an empty value');
    return { path: expand(flag, env, cwd), via: '--config' };
  }
  const fromEnv = env.RACKPILOT_CONFIG;
  if (fromEnv) return { path: expand(fromEnv, env, cwd), via: 'RACKPILOT_CONFIG' };
  return { path: defaultConfigPath(env), via: 'default' };
}
