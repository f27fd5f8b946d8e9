// A database a rackpilot run left stopped, as the Backups pane's detail and `status --json` show it: the finding's
// own words in the pane, the run in `pausedBy`.
import { describe, expect, it } from 'vitest';
import { paneDetail } from '../../src/present/pane-content';
import { statusJson } from '../../src/present/status-json';
import { MINUTE } from '../../src/model/time';
import { healthySnapshot, T0, withBackup } from '../fixtures/snapshot-builder';

const pausedBy = { componentId: 'metal-db', runId: '20260504-095500-abc123', runbook: 'recover', operator: 'ops@host', since: T0 - 5 * MINUTE, runState: 'running' as const, undo: '$ kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=1' };

describe('a fence a run left in place', () => {
  const s = withBackup(healthySnapshot(), 'metal-db', { paused: true, pausedBy });

  it('the Backups detail names the run, since when, and how to end it', () => {
    const d = paneDetail('backups', 'metal-db', s, s.findings);
    if (d.kind !== 'table') throw new Error('no version table');
    const text = d.intro.map((l) => l.text).join('\n');
    expect(text).toContain('PAUSED');
    expect(text).toContain('metal-db paused by recover run 20260504-095500-abc123 (ops@host) since 2026-05-04 09:55 UTC');
    expect(text).toContain('hint: rackpilot recover offers to resume the run');
  });

  it('status --json has it as pausedBy (null when nothing is fenced)', () => {
    const json = statusJson({ snapshot: s, areas: [], findings: s.findings, notices: [], verdict: 'warning', exitCode: 1 });
    expect(json.backups.find((b) => b.id === 'metal-db')?.pausedBy).toEqual({ runId: pausedBy.runId, runbook: 'recover', operator: 'ops@host', since: '2026-05-04T09:55:00.000Z', runState: 'running', undo: pausedBy.undo });
    const healthy = healthySnapshot();
    expect(statusJson({ snapshot: healthy, areas: [], findings: [], notices: [], verdict: 'healthy', exitCode: 0 }).backups[0]?.pausedBy).toBeNull();
  });
});
