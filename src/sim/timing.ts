import { DAY, HOUR, type Millis, MINUTE, SECOND } from '../model/time';
import type { Rng } from './rng';

/** [min, max] in ms for each simulated step. Kept together so the report and tests can refer to them. */
export type Span = readonly [number, number];

export const TIMING = {
  /** Cold boot: router, switches and the bootstrap node power up. */
  routerBoot: [15 * SECOND, 25 * SECOND] as Span,
  switchBoot: [30 * SECOND, 60 * SECOND] as Span,
  bootstrapBoot: [40 * SECOND, 60 * SECOND] as Span,
  /** Control planes start this long after their host is available. */
  k3sStart: [25 * SECOND, 35 * SECOND] as Span,
  initialMetalStackStart: [60 * SECOND, 90 * SECOND] as Span,
  initialGardenerStart: [120 * SECOND, 150 * SECOND] as Span,
  nestedStart: [60 * SECOND, 120 * SECOND] as Span,
  /** A database started on an empty data directory downloads and restores its newest backup first. */
  databaseRestore: [20 * SECOND, 60 * SECOND] as Span,
  /** Machine provisioning walk. */
  pxe: [5 * SECOND, 15 * SECOND] as Span,
  preparing: [30 * SECOND, 50 * SECOND] as Span,
  registering: [10 * SECOND, 20 * SECOND] as Span,
  waiting: [5 * SECOND, 10 * SECOND] as Span,
  allocate: [20 * SECOND, 40 * SECOND] as Span,
  installing: [90 * SECOND, 150 * SECOND] as Span,
  bootingKernel: [30 * SECOND, 60 * SECOND] as Span,
  /** metal-hammer and pixiecore retry while their dependencies are missing. */
  retry: 15 * SECOND,
  /** metal-api: no event for 5 minutes means the machine is no longer Alive; checked about every minute. */
  deadAfter: 5 * MINUTE,
  livelinessCheck: [0, 40 * SECOND] as Span,
  /** BGP FSM steps and the FRR hold time of the FABRIC peer group ("timers 2 8"). */
  bgpStep: [300, 1500] as Span,
  holdTime: [3 * SECOND, 8 * SECOND] as Span,
  /** Shoot creation finishes after the last node joined; reconciles run hourly and take a minute. */
  shootCreateFinish: [60 * SECOND, 90 * SECOND] as Span,
  reconcileEvery: HOUR,
  reconcileTakes: MINUTE,
  /** A reconcile that ended in Error is retried by gardenlet with backoff: here after 2-4 minutes, until it succeeds. */
  reconcileRetry: [2 * MINUTE, 4 * MINUTE] as Span,
  /** Steady rack: how long ago things were provisioned. */
  steadyAge: [5 * DAY, 9 * DAY] as Span,
  /** lastSeen of reachable switches and control planes advances in steps of this. */
  observeEvery: 10 * SECOND,
} as const;

/** A random duration within the span. */
export function span(r: Rng, [min, max]: Span): number {
  return r.int(min, max);
}

/** How often the rack is read when polled as a source: often enough that the TUI follows every step. */
export const SIM_INTERVAL: Millis = 1000;
