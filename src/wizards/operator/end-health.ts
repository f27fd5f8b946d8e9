import type { Finding } from '../../health/finding';
import type { RackSnapshot } from '../../model/snapshot';

/**
 * The health lines under a run's summary, on the simulated and on a real rack alike: critical findings the runbook
 * expects at its end are "pending", the others count. A run that ended "done" on an unhealthy rack did not recover it.
 */
export function endHealth(after: RackSnapshot, pending?: (f: Finding, s: RackSnapshot) => boolean): { readonly lines: string[]; readonly healthy: boolean } {
  const all = after.findings.filter((f) => f.severity === 'critical');
  const critical = all.filter((f) => !pending?.(f, after));
  const lines = [
    ...all.filter((f) => !critical.includes(f)).map((f) => `pending: ${f.summary}`),
    ...critical.slice(0, 10).map((f) => `CRIT  ${f.summary}`),
    critical.length === 0 ? 'The rack is healthy.' : `The rack is not healthy: ${critical.length} critical finding(s).`,
  ];
  return { lines, healthy: critical.length === 0 };
}
