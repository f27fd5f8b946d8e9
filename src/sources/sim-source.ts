import type { RackData } from '../model/snapshot';
import { SimRack } from '../sim/engine';
import type { ScenarioName } from '../sim/scenarios';
import { SIM_INTERVAL } from '../sim/timing';
import type { SimSource, SimSourceOptions } from './sim-source-contract';

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
    rack: async () => sim(),
    async poll(signal?: AbortSignal): Promise<RackData> {
      signal?.throwIfAborted();
      const rack = sim();
      rack.advanceTo(clock.now());
      return rack.data();
    },
    async inject(name) {
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
