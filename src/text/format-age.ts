import type { Millis } from '../model/time';

/**
 * Each text made once: the machines pane asks for two ages of each of 10,000 machines every publish, and a new
 * string each time was garbage that lived until the next publish (so it was promoted). Bounded by what the ages
 * are: under 60 seconds, 60 minutes and 48 hours, and days up to MAX_REMEMBERED.
 */
const TEXTS: readonly string[][] = [[], [], [], []];
const MAX_REMEMBERED = 100_000;

function text(unit: 0 | 1 | 2 | 3, n: number, suffix: string): string {
  // A timestamp from a broken source can make any number of days: those are not remembered.
  if (n > MAX_REMEMBERED) return `${n}${suffix}`;
  const known = TEXTS[unit] as string[];
  let t = known[n];
  if (t === undefined) {
    t = `${n}${suffix}`;
    known[n] = t;
  }
  return t;
}

/**
 * A compact age for narrow columns and one-line summaries: "42s", "3m", "2h", "5d".
 * Rounds down so an age never reads older than it is; up to 47h stays in hours because "1d" hides a lot.
 * Negative ages (clock skew between sources) read as "0s" rather than confusing the operator.
 */
export function formatAge(ms: Millis): string {
  if (!Number.isFinite(ms)) return '-';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return text(0, seconds, 's');
  if (seconds < 60 * 60) return text(1, Math.floor(seconds / 60), 'm');
  if (seconds < 48 * 60 * 60) return text(2, Math.floor(seconds / 3600), 'h');
  return text(3, Math.floor(seconds / 86_400), 'd');
}
