import type { EpochMs } from '../model/time';
import type { Layout } from './layout-types';
import type { Rng } from './rng';

export type Domain = 'topology' | 'bgp' | 'machines' | 'shoots' | 'controlPlanes' | 'backups';

/**
 * What the engine offers its parts: time, randomness, scheduling, change tracking, and the notifications by
 * which one part's change ripples into the others (a machine dies -> its links, sessions, shoot, control plane).
 */
export interface World {
  readonly layout: Layout;
  readonly rng: Rng;
  now(): EpochMs;
  schedule(at: EpochMs, fn: () => void): void;
  changed(domain: Domain): void;
  /** A node came up, went down or became ready. */
  nodeChanged(id: string): void;
  /** A shoot's health changed; the control planes it hosts re-derive. */
  shootChanged(key: string): void;
}

/** Runs fn at `at` only if the subject's generation has not moved on (a later power-off cancels a boot walk). */
export function guarded(w: World, subject: { gen: number }, at: EpochMs, fn: () => void): void {
  const gen = subject.gen;
  w.schedule(at, () => {
    if (subject.gen === gen) fn();
  });
}
