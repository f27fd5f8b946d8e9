import type { EpochMs } from '../../model/time';
import { type PathSegment, unexpected } from '../output-shape';

/** An optional time of metal-api: absent or Go's zero time reads as unknown, anything else must parse. */
export function apiTime(value: string | undefined, path: readonly PathSegment[]): EpochMs | undefined {
  if (value === undefined || value === '' || value.startsWith('0001-01-01')) return undefined;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw unexpected(path, `is ${JSON.stringify(value)}, not a time`);
  return time;
}
