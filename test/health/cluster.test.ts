import { describe, expect, it } from 'vitest';
import type { ControlPlane } from '../../src/model/control-plane';
import { healthySnapshot, judged } from '../fixtures/snapshot-builder';
import { findings, rules, theFinding } from './helpers';

const s0 = healthySnapshot();
const k3s: ControlPlane = { id: 'k3s', name: 'k3s', kind: 'k3s', layer: 'initial', hostedOn: 'k3s', reachable: true };
const metal: ControlPlane = { id: 'initial-metal-stack', name: 'initial metal-stack', kind: 'metal-stack', layer: 'initial', hostedOn: 'k3s', reachable: true };
const withPlanes = (...planes: ControlPlane[]) => judged({ ...s0, controlPlanes: planes });

describe('control planes read from their cluster', () => {
  it('reports a node that is not Ready as critical, one under pressure as a warning', () => {
    const s = withPlanes({
      ...k3s,
      nodes: [
        { name: 'b1', ready: 'False', since: s0.takenAt - 120_000, pressures: [] },
        { name: 'b2', ready: 'True', pressures: ['DiskPressure'] },
      ],
    });
    expect(theFinding(findings(s), 'cluster-node-not-ready', 'k3s/b1')).toMatchObject({ severity: 'critical', summary: 'k3s node b1 is NotReady since 2m ago' });
    expect(theFinding(findings(s), 'cluster-node-pressure', 'k3s/b2').severity).toBe('warning');
  });

  it('reports a database StatefulSet without a ready replica as critical, another workload as a warning', () => {
    const s = withPlanes({
      ...metal,
      workloads: [
        { kind: 'StatefulSet', namespace: 'metal-control-plane', name: 'metal-db', desired: 1, ready: 0, database: true },
        { kind: 'Deployment', namespace: 'metal-control-plane', name: 'metal-api', desired: 2, ready: 0, database: false },
        { kind: 'Deployment', namespace: 'metal-control-plane', name: 'scaled-down', desired: 0, ready: 0, database: false },
      ],
    });
    const db = theFinding(findings(s), 'database-not-ready', 'initial-metal-stack/metal-control-plane/metal-db');
    expect(db.severity).toBe('critical');
    expect(db.hint).toMatch(/pick the backup version by hand/);
    expect(theFinding(findings(s), 'workload-not-ready', 'initial-metal-stack/metal-control-plane/metal-api').severity).toBe('warning');
    expect(rules(findings(s))).toHaveLength(2);
  });

  it('reports a pod that will not start, with its restarts', () => {
    const s = withPlanes({ ...metal, podProblems: [{ namespace: 'metal-control-plane', name: 'metal-api-0', reason: 'CrashLoopBackOff', restarts: 7 }] });
    expect(theFinding(findings(s), 'pod-not-starting', 'initial-metal-stack/metal-control-plane/metal-api-0').summary).toBe(
      'initial metal-stack: pod metal-control-plane/metal-api-0 is CrashLoopBackOff (7 restarts)',
    );
  });
});

describe('etcd-druid Etcds read from a cluster', () => {
  it('reports a missed full snapshot as critical, a missed delta snapshot as a warning, an etcd not Ready as critical', () => {
    const s = judged({
      ...s0,
      etcds: [
        {
          cluster: 'k3s',
          namespace: 'shoot--p1--c1',
          name: 'etcd-main',
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'FullSnapshotBackupReady', status: 'False', reason: 'SnapshotMissedSchedule' },
            { type: 'DeltaSnapshotBackupReady', status: 'False', reason: 'SnapshotMissedSchedule' },
          ],
        },
        { cluster: 'k3s', namespace: 'garden', name: 'virtual-garden-etcd-main', conditions: [{ type: 'Ready', status: 'False' }] },
      ],
    });
    const all = findings(s).filter((f) => f.rule.startsWith('etcd-'));
    expect(all.map((f) => [f.rule, f.severity, f.summary])).toEqual(
      expect.arrayContaining([
        ['etcd-backup-not-ready', 'critical', 'etcd shoot--p1--c1/etcd-main (k3s): FullSnapshotBackupReady is False (SnapshotMissedSchedule)'],
        ['etcd-backup-not-ready', 'warning', 'etcd shoot--p1--c1/etcd-main (k3s): DeltaSnapshotBackupReady is False (SnapshotMissedSchedule)'],
        ['etcd-not-ready', 'critical', 'etcd garden/virtual-garden-etcd-main (k3s): Ready is False'],
      ]),
    );
    expect(all).toHaveLength(3);
  });
});
