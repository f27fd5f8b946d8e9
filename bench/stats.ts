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
