/**
 * Incident start times must carry a zone: "03:00" on a rack in another timezone is exactly the
 * kind of ambiguity that flags the wrong backups during a restore.
 */
import type { EpochMs } from '../model/time';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

export const ISO_TIME_EXPECTED = 'expected an ISO time with a zone, like 2026-11-25T03:00:00Z';

/** Epoch ms for a zoned ISO 8601 time, or undefined when the text is not one (including 2026-02-30). */
export function parseIsoTime(text: string): EpochMs | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const num = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC silently rolls 30 February into March; reading the parts back catches that.
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  if (m[8]) return local + fraction;
  const [offsetHours, offsetMinutes] = [num(10), num(11)];
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const sign = m[9] === '-' ? -1 : 1;
  return local + fraction - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
