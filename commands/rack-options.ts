import { MAX_SIM_SCALE } from '../src/config/choices';
import { type LoadedConfig, loadConfig } from '../src/config/load-config';
import { UsageError } from '../src/errors';
import { SCENARIOS } from '../src/sim/scenarios';
import { positiveInt } from './flags';
import type { Io } from './io';

/** The flags every command that opens a rack takes (status, tui, the wizards). */
export const RACK_OPTIONS = {
  scenario: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  config: { type: 'string' },
} as const;

export const RACK_OPTIONS_HELP = `  --scenario NAME   simulated rack only: start with a failure injected:
${scenarioList()}
  --scale N         simulated rack only: N machines instead of the mini-rack
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)`;

/** The scenario names under --scenario, wrapped to 80 columns at the help's value column. */
function scenarioList(): string {
  return helpNames(SCENARIOS.map((x) => x.name));
}

/** Names for a flag's help, comma-separated and wrapped within 80 columns at the value column (20 cells in). */
export function helpNames(names: readonly string[]): string {
  const lines: string[] = [];
  for (const name of names) {
    const last = lines.at(-1);
    if (last !== undefined && 20 + last.length + 2 + name.length <= 79) lines[lines.length - 1] = `${last}, ${name}`;
    else lines.push(name);
  }
  return lines.map((l) => `${' '.repeat(20)}${l}`).join(',\n');
}

export interface RackFlagValues {
  readonly scenario?: string;
  readonly scale?: string;
  readonly seed?: string;
  readonly config?: string;
}

/** Flags that only shape the simulated rack. */
export type SimOnlyFlag = 'scenario' | 'scale' | 'seed';
const SIM_ONLY: readonly SimOnlyFlag[] = ['scenario', 'scale', 'seed'];
const SIM_ENV = ['RACKPILOT_SCENARIO', 'RACKPILOT_SCALE', 'RACKPILOT_SEED'] as const;

export interface RackConfigOptions {
  /** More config flags (the TUI's --read-only, --ascii, --no-color). */
  readonly extra?: Record<string, unknown>;
  /**
   * The flags this command refuses with a config that describes a real rack, where they would be silently ignored.
   * Default all three; recover's --scenario also picks the runbook, so it is meaningful on a real rack too.
   */
  readonly simOnly?: readonly SimOnlyFlag[];
}

/** Loads the config with the rack flags applied last (defaults < file < environment < flags). */
export async function loadRackConfig(values: RackFlagValues, io: Io, options: RackConfigOptions = {}): Promise<LoadedConfig> {
  const loaded = await loadConfig({
    flags: {
      config: values.config,
      scenario: values.scenario,
      scale: positiveInt('scale', values.scale, { max: MAX_SIM_SCALE, unit: 'machines' }),
      seed: positiveInt('seed', values.seed),
      ...options.extra,
    },
    env: io.env,
  });
  const given = (options.simOnly ?? SIM_ONLY).find((flag) => values[flag] !== undefined);
  if (given && loaded.config.mode !== 'sim') throw realRackRefusal(given, loaded);
  // An exported variable may be left over from a session on the simulated rack: say so rather than refuse.
  const ignored = loaded.config.mode === 'sim' ? [] : SIM_ENV.filter((name) => (io.env[name] ?? '') !== '');
  if (ignored.length > 0) return { ...loaded, notices: [...loaded.notices, `${ignored.join(', ')} set but ignored: the simulated rack only; this is a real rack`] };
  return loaded;
}

/** "--scenario applies to the simulated rack only; /etc/rack.yaml describes a real rack (switches: leaf01, …)". */
function realRackRefusal(flag: SimOnlyFlag, loaded: LoadedConfig): UsageError {
  const { switches } = loaded.config;
  const names = `${switches.slice(0, 3).map((s) => s.name).join(', ')}${switches.length > 3 ? ', …' : ''}`;
  const what = switches.length > 0 ? `switches: ${names}` : 'mode: real';
  return new UsageError(`--${flag} applies to the simulated rack only; ${loaded.file ?? 'the configuration'} describes a real rack (${what})`, {
    hint: `drop --${flag}, or run the simulated rack with a config without switches (or with mode: sim)`,
  });
}
