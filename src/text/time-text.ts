import type { EpochMs } from '../model/time';

/** "2026-11-30 01:06:03": UTC to the second, the way every table and detail line shows a moment. */
export function isoSeconds(t: EpochMs): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** "2026-11-30 01:06": UTC to the minute, for one-line summaries and hints. */
export function isoMinutes(t: EpochMs): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}
