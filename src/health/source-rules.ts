import type { RackObservation } from '../model/snapshot';
import { type SourceStatus, staleAfterMs } from '../model/source';
import { formatAge } from '../text/format-age';
import type { Finding } from './finding';
import { ago, finding, oneLine } from './make-finding';
import type { HealthOptions } from './options';

export function sourceRules(snapshot: RackObservation, options: HealthOptions): Finding[] {
  const now = snapshot.takenAt;
  const enabled = snapshot.sources.filter((s) => s.state !== 'disabled');
  const failing = enabled.filter((s) => s.state === 'error');
  // With every source failing, nothing on screen is current any more: that is worse than one blind spot.
  const allFailing = failing.length > 0 && failing.length === enabled.length;
  const out: Finding[] = [];
  for (const s of enabled) {
    const subject = { kind: 'source', id: s.name, label: s.name } as const;
    if (s.state === 'error') {
      const msg = s.lastError ? oneLine(s.lastError.message) : 'unknown error';
      out.push(
        finding(
          'source-failing',
          allFailing ? 'critical' : 'warning',
          'sources',
          subject,
          `source ${named(s)} is failing: ${msg}; last success ${ago(now, s.lastSuccess)}`,
          allFailing
            ? 'no source delivers data: everything shown is old; check network access and credentials from this host'
            : `data from ${s.name} is old; check its endpoint and credentials in config.yaml`,
        ),
      );
    } else if (isStale(s, now, options)) {
      out.push(
        finding(
          'source-stale',
          'warning',
          'sources',
          subject,
          s.lastError
            ? `source ${named(s)} is stale: ${oneLine(s.lastError.message)}; its data is from ${ago(now, s.lastSuccess)}`
            : `source ${named(s)} is stale: last success ${ago(now, s.lastSuccess)}, polled every ${formatAge(s.interval)}`,
          `the data from ${s.name} may be out of date; a slow or hanging endpoint is likely, check its latency`,
        ),
      );
    }
  }
  return out;
}

/** The source marks itself stale, but a snapshot assembled late may not have caught up: judge by takenAt too. */
function isStale(s: SourceStatus, now: number, options: HealthOptions): boolean {
  if (s.state === 'stale') return true;
  if (s.state !== 'ok') return false;
  if (s.lastSuccess === undefined) return true;
  return now - s.lastSuccess > staleAfterMs(s, options.staleAfterIntervals);
}

/** "sim (sim)" and "bgp (ssh) (ssh)" say the kind twice: name it once. */
function named(s: SourceStatus): string {
  return s.name.includes(s.kind) ? s.name : `${s.name} (${s.kind})`;
}
