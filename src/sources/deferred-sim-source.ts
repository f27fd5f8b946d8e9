import type { ScenarioName } from '../sim/scenarios';
import { SIM_INTERVAL } from '../sim/timing';
import type { SimReset, SimSource, SimSourceOptions } from './sim-source-contract';

/**
 * The simulated rack's source as the TUI and `status` open it: the simulation's code (src/sim, about 70 kB) is
 * loaded on the first poll, injection or wizard, not on the way to the first frame. Calls keep their order: each
 * waits for the same load, and an injection made before a poll is in that poll.
 */
export function deferredSimSource(options: SimSourceOptions): SimSource {
  // The rack starts when the source is opened, not when its code has loaded.
  const opened = { ...options, start: options.start ?? options.clock.now() };
  let loaded: Promise<SimSource> | undefined;
  const source = (): Promise<SimSource> => {
    loaded ??= import('./sim-source').then((m) => m.createSimSource(opened));
    return loaded;
  };
  return {
    name: 'sim',
    kind: 'sim',
    interval: options.interval ?? SIM_INTERVAL,
    rack: async () => (await source()).rack(),
    poll: async (signal) => (await source()).poll(signal),
    inject: async (name: ScenarioName | SimReset) => (await source()).inject(name),
  };
}
