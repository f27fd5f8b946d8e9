import type { Clock } from '../clock';
import type { RackData } from '../model/snapshot';
import type { EpochMs, Millis } from '../model/time';
import type { Source } from './source';
import { SimRack } from '../sim/engine';
import type { ScenarioName } from '../sim/scenarios';
import { SIM_INTERVAL } from '../sim/timing';

export interface SimSourceOptions {
  readonly clock: Clock;
  /** Simulated time at construction; defaults to the clock's now. A start in the past is caught up on first poll. */
  readonly start?: EpochMs;
  readonly seed?: number;
  readonly scale?: number;
  readonly scenario?: ScenarioName;
  readonly boot?: 'steady' | 'cold';
  readonly interval?: Millis;
}

/** What the TUI's `!` menu offers besides the failures: the rack healed, or switched on from cold. */
export const SIM_RESETS = [
  { name: 'heal', description: 'every failure over: the rack healthy and up for days again, as before any injection' },
  { name: 'cold-boot', description: 'power off and on: router, switches and bootstrap boot, then every machine PXE-boots' },
] as const;

export type SimReset = (typeof SIM_RESETS)[number]['name'];

export interface SimSource extends Source {
  readonly kind: 'sim';
  readonly sim: SimRack;
  poll(signal?: AbortSignal): Promise<RackData>;
  /** A failure now, or a reset: `heal` and `cold-boot` build the rack anew (same seed and scale) at the clock's now. */
  inject(name: ScenarioName | SimReset): void;
}

export { SIM_INTERVAL };

/**
 * The embedded rack as a source: each poll advances the simulation to the clock's now and returns all of it.
 * The rack is built on first use, not here, so the TUI can draw its first frame before a 10,000-machine
 * simulation exists (building one takes most of a second).
 */
export function createSimSource(options: SimSourceOptions): SimSource {
  const { clock } = options;
  const start = options.start ?? clock.now();
  let engine: SimRack | undefined;
  const build = (at: number, boot: 'steady' | 'cold' | undefined, scenario: ScenarioName | undefined): SimRack =>
    new SimRack({
      start: at,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.scale !== undefined ? { scale: options.scale } : {}),
      ...(scenario ? { scenario } : {}),
      ...(boot ? { boot } : {}),
    });
  const sim = (): SimRack => {
    engine ??= build(start, options.boot, options.scenario);
    return engine;
  };
  return {
    name: 'sim',
    kind: 'sim',
    interval: options.interval ?? SIM_INTERVAL,
    get sim() {
      return sim();
    },
    async poll(signal?: AbortSignal): Promise<RackData> {
      signal?.throwIfAborted();
      const rack = sim();
      rack.advanceTo(clock.now());
      return rack.data();
    },
    inject(name) {
      // A new rack, not a repair of the old one: no failure, no incident, the same machines; its time goes on from now.
      if (name === 'heal' || name === 'cold-boot') {
        engine = build(Math.max(clock.now(), engine?.now ?? start), name === 'heal' ? 'steady' : 'cold', undefined);
        return;
      }
      const rack = sim();
      rack.advanceTo(clock.now());
      rack.inject(name);
    },
  };
}
