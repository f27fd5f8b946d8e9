import type { Millis } from '../model/time';

/** "1h 02m 05s", "4m 30s", "12s": exact enough for an RTO, unlike the rounded ages of the status views. */
export function formatDuration(ms: Millis): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}d ${pad(h)}h ${pad(m)}m`;
  if (h > 0) return `${sign}${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${sign}${m}m ${pad(s)}s`;
  return `${sign}${s}s`;
}
