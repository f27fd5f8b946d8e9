import { ScaledClock } from '../../clock';
import type { Config } from '../../config';
import type { EpochMs } from '../../model/time';
import { SCENARIO_LEAD, type ScenarioName } from '../../sim';

export { DEFAULT_SEED, SCENARIO_LEAD } from '../../sim';
import { openSimRack, type SimRackHandle } from './rack-handle';

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

/** The rack a wizard command works on, as the config describes it: `cold-boot` (or bootstrap) starts powered off. */
export function wizardSimSpec(config: Config, speed = DEFAULT_WIZARD_SPEED, boot?: 'cold'): SimRackSpec {
  const { scenario, seed, scale } = config.sim;
  const injected = scenario !== 'none' && scenario !== 'cold-boot' ? scenario : undefined;
  return {
    seed,
    speed,
    ...(scale !== undefined ? { scale } : {}),
    ...(injected ? { scenario: injected } : {}),
    ...(boot === 'cold' || scenario === 'cold-boot' ? { boot: 'cold' as const } : {}),
  };
}

/**
 * Opens the rack of a spec. A new run shows a scenario as it looks ten minutes in (like `status`); a resumed run
 * passes the journaled start and a clock based at its last journaled time, so it rebuilds the very same rack.
 */
export function openSpecSim(spec: SimRackSpec, rackName: string, at?: { readonly start: EpochMs; readonly clockBase: EpochMs }): SimRackHandle {
  return openSimRack({
    clock: new ScaledClock(spec.speed, at?.clockBase),
    rackName,
    seed: spec.seed,
    ...(spec.scale !== undefined ? { scale: spec.scale } : {}),
    ...(spec.scenario ? { scenario: spec.scenario, lead: SCENARIO_LEAD } : {}),
    ...(spec.boot ? { boot: spec.boot } : {}),
    ...(at ? { start: at.start } : {}),
  });
}

export function openWizardSim(config: Config, speed = DEFAULT_WIZARD_SPEED, boot?: 'cold'): SimRackHandle {
  return openSpecSim(wizardSimSpec(config, speed, boot), config.rack.name);
}
