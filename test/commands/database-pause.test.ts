// On a real rack a backup component's database counts as stopped (backups paused) from its StatefulSet.
import { describe, expect, it } from 'vitest';
import { withDatabasePause } from '../../commands/wizard/database-pause';
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

  it('a component whose StatefulSet is not in the rack data keeps what its source said', () => {
    expect(paused(rack(0, 0, 'nested p1/c1 metal-stack'))).toBe(false);
  });
});
