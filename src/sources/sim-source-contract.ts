import type { Clock } from '../clock';
import type { RackData } from '../model/snapshot';
import type { EpochMs, Millis } from '../model/time';
import type { SimRack } from '../sim/engine';
import type { ScenarioName } from '../sim/scenarios';
import type { Source } from './source';

// What the simulated rack's source offers, apart from the simulation (sim-source.ts): the TUI's start-up path reads
// these, and the simulation's code loads on the first poll (deferred-sim-source.ts).

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
  /** The simulation itself, which the wizards' executor drives. */
  rack(): Promise<SimRack>;
  poll(signal?: AbortSignal): Promise<RackData>;
  /**
   * A failure now, or a reset: `heal` and `cold-boot` build the rack anew (same seed and scale) at the clock's now.
   * A poll that starts after the call sees it.
   */
  inject(name: ScenarioName | SimReset): Promise<void>;
}
