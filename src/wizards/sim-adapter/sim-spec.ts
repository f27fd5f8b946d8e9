import type { Config } from '../../config';
import type { ScenarioName } from '../../sim/scenarios';

// Not the simulation itself (rack-handle.ts opens one): the TUI's start-up path reads the spec of its rack here.
export { SCENARIO_LEAD } from '../../sim/scenarios';

/** On the sim, wizards run on a sped-up clock: a 12-minute recovery takes 12 s at the default 60×. */
export const DEFAULT_WIZARD_SPEED = 60;

/** Everything that decides how the simulated rack behaves: the same values give the same rack (SimRack is deterministic). */
export interface SimRackSpec {
  readonly seed: number;
  readonly scale?: number;
  readonly scenario?: ScenarioName;
  readonly boot?: 'cold';
  /** Rack time per wall time. */
  readonly speed: number;
}

/**
 * The simulated rack the config describes (`sim:`), for the TUI and the wizards alike: `cold-boot` is not a failure
 * injected into a running rack but a rack that starts powered off.
 */
export function configuredSim(config: Config): Omit<SimRackSpec, 'speed'> {
  const { scenario, seed, scale } = config.sim;
  const injected = scenario !== 'none' && scenario !== 'cold-boot' ? scenario : undefined;
  return {
    seed,
    ...(scale !== undefined ? { scale } : {}),
    ...(injected ? { scenario: injected } : {}),
    ...(scenario === 'cold-boot' ? { boot: 'cold' as const } : {}),
  };
}

/** The rack a wizard command works on: the configured one, started powered off for a bootstrap. */
export function wizardSimSpec(config: Config, speed = DEFAULT_WIZARD_SPEED, boot?: 'cold'): SimRackSpec {
  return { ...configuredSim(config), speed, ...(boot === 'cold' ? { boot } : {}) };
}
