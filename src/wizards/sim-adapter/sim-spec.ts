import { ScaledClock } from '../../clock';
import type { Config } from '../../config';
import type { HealthOptions } from '../../model/health-options';
import { type EpochMs, HOUR, type Millis } from '../../model/time';
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

/** Where and how a rack of a spec opens: its name, the health options it is judged with, a resumed run's times. */
export interface OpenSpecOptions {
  readonly rackName: string;
  readonly health?: Partial<HealthOptions>;
  /** How long an injected scenario has been developing when a new run opens. @default SCENARIO_LEAD */
  readonly lead?: Millis;
  /** A resumed run: the journaled start and a clock based at its last journaled time rebuild the very same rack. */
  readonly at?: { readonly start: EpochMs; readonly clockBase: EpochMs };
  /**
   * A new rack whose clock starts at the top of the current hour (UTC) instead of now: its cron ticks (backups
   * every few minutes, hourly reconciles) then fall at the same rack times in every run, so the same seed gives the
   * same drill — its machine time does not depend on when in the hour it was started.
   */
  readonly alignedStart?: boolean;
}

/** Opens the rack of a spec; a new run shows a scenario as it looks ten minutes in (like `status`). */
export function openSpecSim(spec: SimRackSpec, o: OpenSpecOptions): SimRackHandle {
  return openSimRack({
    clock: new ScaledClock(spec.speed, o.at?.clockBase ?? (o.alignedStart ? Math.floor(Date.now() / HOUR) * HOUR : undefined)),
    rackName: o.rackName,
    seed: spec.seed,
    ...(spec.scale !== undefined ? { scale: spec.scale } : {}),
    ...(spec.scenario ? { scenario: spec.scenario, lead: o.lead ?? SCENARIO_LEAD } : {}),
    ...(spec.boot ? { boot: spec.boot } : {}),
    ...(o.at ? { start: o.at.start } : {}),
    ...(o.health ? { health: o.health } : {}),
  });
}
