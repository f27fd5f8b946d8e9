import type { Finding } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';

export type Verdict = 'healthy' | 'warning' | 'critical' | 'unreadable';

/** Exit codes of `rackpilot status`, documented in README.md. */
export const EXIT = { healthy: 0, warning: 1, critical: 2, unreadable: 3, usage: 64, internal: 70 } as const;

/** The overall verdict: unreadable when no source delivered anything, else the worst finding's severity. */
export function verdictOf(snapshot: RackSnapshot, findings: readonly Finding[]): Verdict {
  if (!snapshot.sources.some((s) => s.lastSuccess !== undefined)) return 'unreadable';
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'healthy';
}
