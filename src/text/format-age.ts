import type { Millis } from '../model/time';

const UNITS: readonly [limit: number, size: number, suffix: string][] = [
  [60, 1, 's'],
  [60 * 60, 60, 'm'],
  [48 * 60 * 60, 60 * 60, 'h'],
];

/**
 * A compact age for narrow columns and one-line summaries: "42s", "3m", "2h", "5d".
 * Rounds down so an age never reads older than it is; up to 47h stays in hours because "1d" hides a lot.
 * Negative ages (clock skew between sources) read as "0s" rather than confusing the operator.
 */
export function formatAge(ms: Millis): string {
  if (!Number.isFinite(ms)) return '-';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  for (const [limit, size, suffix] of UNITS) {
    if (seconds < limit) return `${Math.floor(seconds / size)}${suffix}`;
  }
  return `${Math.floor(seconds / 86_400)}d`;
}
