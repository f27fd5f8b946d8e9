// Figures of a benchmark client's polls: rounded, and median / p95 / max by nearest rank.

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** Nearest-rank percentile. */
export function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function summary(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { median: round1(pct(s, 50)), p95: round1(pct(s, 95)), max: round1(s.at(-1) ?? Number.NaN) };
}

/** What every poll benchmark times of one poll: the whole poll, the wait for the server, the client's own work, the store's. */
export interface PollTimes {
  readonly totalMs: number;
  readonly waitMs: number;
  readonly workMs: number;
  readonly storeMs: number;
  /** Snapshots the store published in the poll. */
  readonly published: number;
}

/** The figures every poll benchmark reports for a phase of polls; each adds its own beside them. */
export function pollPhase(polls: readonly PollTimes[]) {
  return {
    polls: polls.length,
    totalMs: summary(polls.map((p) => p.totalMs)),
    waitMs: summary(polls.map((p) => p.waitMs)),
    workMs: summary(polls.map((p) => p.workMs)),
    storeMs: summary(polls.map((p) => p.storeMs)),
    pollsThatPublished: polls.filter((p) => p.published > 0).length,
  };
}
