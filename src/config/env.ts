/**
 * Environment variables, applied over the file and under the flags:
 *
 *   RACKPILOT_CONFIG            config file to load (instead of $XDG_CONFIG_HOME/rackpilot/config.yaml)
 *   RACKPILOT_MODE              mode: sim | real
 *   RACKPILOT_RACK_NAME         rack.name
 *   RACKPILOT_SCENARIO          sim.scenario
 *   RACKPILOT_SEED              sim.seed
 *   RACKPILOT_SCALE             sim.scale
 *   RACKPILOT_REFRESH_INTERVAL  refresh.interval ("5s", or a number of milliseconds)
 *   NO_COLOR                    any non-empty value sets ui.color to never (https://no-color.org)
 *
 * Each value is validated by the same schema as the file; an error names the variable.
 * An empty value counts as unset, so `RACKPILOT_SCALE= rackpilot` clears an exported value.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvVar {
  readonly name: string;
  /** The dotted config key it sets; null for RACKPILOT_CONFIG, which picks the file instead. */
  readonly key: string | null;
  readonly description: string;
}

export const ENV_VARS: readonly EnvVar[] = [
  { name: 'RACKPILOT_CONFIG', key: null, description: 'Config file to load instead of $XDG_CONFIG_HOME/rackpilot/config.yaml' },
  { name: 'RACKPILOT_MODE', key: 'mode', description: 'sim (embedded simulated rack) or real' },
  { name: 'RACKPILOT_RACK_NAME', key: 'rack.name', description: 'Rack name shown in the header and status' },
  { name: 'RACKPILOT_SCENARIO', key: 'sim.scenario', description: 'Fault scenario for the simulated rack' },
  { name: 'RACKPILOT_SEED', key: 'sim.seed', description: 'Random seed for the simulated rack (integer)' },
  { name: 'RACKPILOT_SCALE', key: 'sim.scale', description: 'Number of machines in the simulated rack' },
  { name: 'RACKPILOT_REFRESH_INTERVAL', key: 'refresh.interval', description: 'Poll interval, e.g. 5s or 500ms' },
  { name: 'NO_COLOR', key: 'ui.color', description: 'Any non-empty value disables colour (ui.color: never)' },
];

// Environment values are strings; these keys hold numbers, so numeric text is converted first.
// Anything else stays a string so the error can quote it ("got \"lots\"").
const NUMERIC_KEYS = new Set(['sim.seed', 'sim.scale']);
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export function envValue(variable: EnvVar, text: string): unknown {
  if (variable.name === 'NO_COLOR') return 'never';
  const trimmed = text.trim();
  if (variable.key && NUMERIC_KEYS.has(variable.key) && NUMERIC_TEXT.test(trimmed)) return Number(trimmed);
  return trimmed;
}
