import { type Clock, ScaledClock } from '../../clock';
import type { HealthOptions } from '../../model/health-options';
import type { RackSnapshot } from '../../model/snapshot';
import { type EpochMs, HOUR, type Millis } from '../../model/time';
import { SCENARIO_LEAD, type ScenarioName, SIM_INTERVAL, SimRack } from '../../sim';
import type { SimRackSpec } from './sim-spec';
import { assess } from '../../store/assess';
import { DOMAINS } from '../../store/merge';

/**
 * A simulated rack read directly, without the store's poll timers: every snapshot() advances the sim to the
 * clock's now and is judged like a store snapshot (store/assess.ts). Drills use it on a fast clock; `recover` and
 * `bootstrap` on the sim use it so the runner sees each change at once instead of up to one poll interval late.
 */
export interface SimRackHandle {
  readonly sim: SimRack;
  readonly clock: Clock;
  readonly snapshot: () => RackSnapshot;
  /** The rack as it is at t (the sim advanced to t, never back): a resume rebuilds the snapshot it assessed. */
  readonly snapshotAt: (t: EpochMs) => RackSnapshot;
  /** When the injected scenario started (rack time), if one was injected. */
  readonly incidentStart?: EpochMs;
}

export interface OpenSimRackOptions {
  readonly clock: Clock;
  readonly rackName: string;
  readonly seed?: number;
  readonly scale?: number;
  readonly scenario?: ScenarioName;
  /** How long the scenario has been developing when the handle opens (rack time). */
  readonly lead?: Millis;
  readonly boot?: 'steady' | 'cold';
  /** The sim's start (rack time), instead of the clock's now minus lead: a resumed run rebuilds the same rack. */
  readonly start?: EpochMs;
  /** The configured health options the snapshots are judged with. */
  readonly health?: Partial<HealthOptions>;
}

export function openSimRack(o: OpenSimRackOptions): SimRackHandle {
  const start = o.start ?? o.clock.now() - (o.scenario ? (o.lead ?? 0) : 0);
  const sim = new SimRack({
    start,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.scale !== undefined ? { scale: o.scale } : {}),
    ...(o.scenario ? { scenario: o.scenario } : {}),
    ...(o.boot ? { boot: o.boot } : {}),
  });
  const rack = { name: o.rackName, simulated: true };
  const snapshotAt = (now: EpochMs): RackSnapshot => {
    sim.advanceTo(now);
    const data = sim.data();
    return assess(
      {
        ...data,
        rack,
        takenAt: Math.max(now, sim.now),
        // The sim delivers every domain.
        domains: DOMAINS,
        sources: [{ name: 'sim', kind: 'sim', state: 'ok', interval: SIM_INTERVAL, lastSuccess: now, latency: 0 }],
      },
      o.health,
    );
  };
  const snapshot = () => snapshotAt(o.clock.now());
  return { sim, clock: o.clock, snapshot, snapshotAt, ...(o.scenario ? { incidentStart: start } : {}) };
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
