import { loadConfig, type LoadedConfig } from '../src/config';
import { positiveInt } from './flags';
import type { Io } from './io';

/** The flags every command that opens a rack takes (status, tui, the wizards). */
export const RACK_OPTIONS = {
  scenario: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  config: { type: 'string' },
} as const;

export const RACK_OPTIONS_HELP = `  --scenario NAME   simulated rack only: start with a failure injected
  --scale N         simulated rack only: N machines instead of the mini-rack
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)`;

export interface RackFlagValues {
  readonly scenario?: string;
  readonly scale?: string;
  readonly seed?: string;
  readonly config?: string;
}

/** Loads the config with the rack flags applied last (defaults < file < environment < flags). */
export function loadRackConfig(values: RackFlagValues, io: Io, extra: Record<string, unknown> = {}): Promise<LoadedConfig> {
  return loadConfig({
    flags: {
      config: values.config,
      scenario: values.scenario,
      scale: positiveInt('scale', values.scale),
      seed: positiveInt('seed', values.seed),
      ...extra,
    },
    env: io.env,
  });
}
