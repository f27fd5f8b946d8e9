// On a real rack a backup component's database counts as stopped (backups paused) from its StatefulSet, and a run's fence is named.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { withDatabasePause } from '../../src/store/database-pause';
import { RackStore } from '../../src/store/rack-store';
import type { RackSnapshot } from '../../src/model/snapshot';
import { healthySnapshot } from '../fixtures/snapshot-builder';

function rack(desired: number, ready: number, owner = 'initial metal-stack'): RackSnapshot {
  const s = healthySnapshot();
  const b = s.backups[0];
  if (!b) throw new Error('fixture has no backup component');
  const plane = { id: 'initial-metal-stack', name: 'initial metal-stack', kind: 'metal-stack' as const, layer: 'initial' as const, hostedOn: 'k3s', reachable: true, workloads: [{ kind: 'StatefulSet' as const, namespace: 'metal-control-plane', name: 'metal-db', desired, ready, database: true }] };
  return { ...s, controlPlanes: [plane], backups: [{ ...b, id: 'initial-metal-db', name: 'metal-db', owner, paused: false }] };
}

const paused = (s: RackSnapshot) => withDatabasePause(s).backups[0]?.paused;

describe('withDatabasePause', () => {
  it('a StatefulSet scaled to 0, or with no ready replica, pauses its backups', () => {
    expect(paused(rack(0, 0))).toBe(true);
    expect(paused(rack(1, 0))).toBe(true);
  });

  it('a running StatefulSet leaves them running, and the snapshot as it was', () => {
    const s = rack(1, 1);
    expect(withDatabasePause(s)).toBe(s);
  });

  it('names the run whose fence is up only while the database is really stopped (the newest fence of that component)', () => {
    const fence = (runId: string, since: number) => ({ componentId: 'initial-metal-db', runId, runbook: 'recover', operator: 'ops@host', since, runState: 'running' as const });
    const fences = [fence('old', 1_000), fence('new', 2_000), { ...fence('other', 3_000), componentId: 'x' }];
    expect(withDatabasePause(rack(0, 0), fences).backups[0]?.pausedBy?.runId).toBe('new');
    expect(withDatabasePause(rack(1, 1), fences).backups[0]?.pausedBy).toBeUndefined();
  });

  it('a component whose StatefulSet is not in the rack data keeps what its source said', () => {
    expect(paused(rack(0, 0, 'nested p1/c1 metal-stack'))).toBe(false);
  });
});

describe('the store applies it to every snapshot of a real rack', () => {
  it('a stopped StatefulSet with a fence from the journals shows as paused by that run, with its finding; the simulated rack keeps its own pause', async () => {
    const s = rack(0, 0);
    const data = { backups: s.backups, controlPlanes: s.controlPlanes };
    const fence = { componentId: 'initial-metal-db', runId: 'r1', runbook: 'recover', operator: 'ops@host', since: s.takenAt, runState: 'running' as const };
    for (const simulated of [false, true]) {
      const clock = new VirtualClock(s.takenAt);
      const store = new RackStore({ clock, sources: [{ name: 'kube', kind: 'kube', interval: 1000, poll: async () => data }], rack: { name: 'lab', simulated }, fences: () => [fence] });
      store.start();
      await clock.advance(0);
      const b = store.getSnapshot().backups[0];
      expect(b?.pausedBy?.runId).toBe(simulated ? undefined : 'r1');
      expect(store.getSnapshot().findings.some((f) => f.rule === 'backup-paused' && f.summary.includes('paused by recover run r1'))).toBe(!simulated);
      await store.stop();
    }
  });
});
