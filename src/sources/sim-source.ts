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

export interface SimSource extends Source {
  readonly kind: 'sim';
  readonly sim: SimRack;
  poll(signal?: AbortSignal): Promise<RackData>;
  inject(name: ScenarioName): void;
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
  const sim = (): SimRack => {
    engine ??= new SimRack({
      start,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.scale !== undefined ? { scale: options.scale } : {}),
      ...(options.scenario ? { scenario: options.scenario } : {}),
      ...(options.boot ? { boot: options.boot } : {}),
    });
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
      const rack = sim();
      rack.advanceTo(clock.now());
      rack.inject(name);
    },
  };
}
