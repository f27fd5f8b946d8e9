/**
 * The config's fixed choices and limits, without the schema: the start-up path checks a flag-only start against
 * them without loading zod (see plain-layers.ts); schema.ts builds its enums and bounds from the same constants.
 */

/** Fault scenarios the embedded simulated rack can play; the sim owns their descriptions. */
export const SCENARIOS = [
  'none',
  'k3s-lost',
  'shoot-workers-lost',
  'rack-lost',
  'empty-backup-after-restart',
  'machine-reboot',
  'cold-boot',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** sim: the embedded simulated rack; real: live sources (added by later issues). */
export const MODES = ['sim', 'real'] as const;
export type Mode = (typeof MODES)[number];

export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/** Upper bound for sim.scale: beyond this the sim and the terminal stop being useful. */
export const MAX_SIM_SCALE = 20000;
export const MIN_REFRESH_MS = 100;
