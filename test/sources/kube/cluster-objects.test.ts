import { describe, expect, it } from 'vitest';
import { trimEtcd, trimNode, trimPod, trimWorkload } from '../../../src/sources/kube/trim';
import { etcdFromObject, nodeFromObject, podProblemFromObject, workloadFromObject } from '../../../src/sources/kube/cluster-objects';

describe('cluster objects as the control-plane source reads them', () => {
  it('a node: Ready, since when, kubelet version, pressures that are True', () => {
    const node = nodeFromObject({
      metadata: { name: 'bootstrap-1' },
      status: {
        conditions: [
          { type: 'Ready', status: 'False', lastTransitionTime: '2026-11-30T05:00:00Z' },
          { type: 'DiskPressure', status: 'True' },
          { type: 'MemoryPressure', status: 'False' },
        ],
        nodeInfo: { kubeletVersion: 'v1.30.8+k3s1' },
      },
    });
    expect(node).toEqual({ name: 'bootstrap-1', ready: 'False', since: Date.parse('2026-11-30T05:00:00Z'), kubeletVersion: 'v1.30.8+k3s1', pressures: ['DiskPressure'] });
    expect(nodeFromObject({ metadata: { name: 'new' } }).ready).toBe('Unknown');
  });

  it('a StatefulSet: replicas wanted and ready, and whether it holds a database of the backups', () => {
    const sts = workloadFromObject('StatefulSet');
    expect(sts({ metadata: { name: 'metal-db', namespace: 'metal-control-plane' }, spec: { replicas: 1 }, status: {} })).toEqual({
      kind: 'StatefulSet',
      namespace: 'metal-control-plane',
      name: 'metal-db',
      desired: 1,
      ready: 0,
      database: true,
    });
    expect(['masterdata-db', 'ipam-db', 'etcd-main', 'virtual-garden-etcd-main', 'postgres', 'nsq', 'metal-api'].map((n) => sts({ metadata: { name: n, namespace: 'x' } }).database)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('a pod: only one that will not come up by itself is a problem', () => {
    const pod = (status: object) => podProblemFromObject({ metadata: { name: 'p', namespace: 'n' }, status });
    expect(pod({ phase: 'Running', containerStatuses: [{ restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }] })).toEqual({ namespace: 'n', name: 'p', reason: 'CrashLoopBackOff', restarts: 7 });
    expect(pod({ phase: 'Failed', reason: 'Evicted' })?.reason).toBe('Evicted');
    expect(pod({ phase: 'Running', containerStatuses: [{ restartCount: 1, state: { running: {} } }] })).toBeNull();
    expect(pod({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] })).toBeNull();
  });

  it('refuses objects of the wrong shape with the path', () => {
    expect(() => nodeFromObject({ metadata: {} })).toThrow('unexpected output shape: metadata.name is missing');
    expect(() => workloadFromObject('Deployment')({ metadata: { name: 'x', namespace: 'y' }, spec: { replicas: -1 } })).toThrow(/spec\.replicas/);
  });
});

describe('an etcd-druid Etcd', () => {
  it('keeps the four conditions that matter, with reason and since when', () => {
    const e = etcdFromObject('k3s')({
      metadata: { name: 'etcd-main', namespace: 'shoot--p1--c1' },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'BackupReady', status: 'True' },
          { type: 'FullSnapshotBackupReady', status: 'False', reason: 'SnapshotMissedSchedule', lastTransitionTime: '2026-11-30T04:00:00Z' },
        ],
      },
    });
    expect(e).toEqual({
      cluster: 'k3s',
      namespace: 'shoot--p1--c1',
      name: 'etcd-main',
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'FullSnapshotBackupReady', status: 'False', reason: 'SnapshotMissedSchedule', since: Date.parse('2026-11-30T04:00:00Z') },
      ],
    });
  });
});

describe('what the watch caches keep', () => {
  it('is enough for the mappers: the same model from a trimmed object as from the full one', () => {
    const node = { metadata: { name: 'n', uid: 'u', resourceVersion: '7', managedFields: [{}], labels: { a: 'b' } }, spec: { podCIDR: 'x' }, status: { conditions: [{ type: 'Ready', status: 'True' }], images: [{ names: ['a'], sizeBytes: 1 }], nodeInfo: { kubeletVersion: 'v1', osImage: 'x' } } };
    const pod = { metadata: { name: 'p', namespace: 'n', uid: 'u' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running', containerStatuses: [{ restartCount: 3, ready: false, image: 'i', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } };
    const sts = { metadata: { name: 'metal-db', namespace: 'n' }, spec: { replicas: 2, template: { spec: {} } }, status: { readyReplicas: 1, replicas: 2 } };
    const etcd = { metadata: { name: 'etcd-main', namespace: 'n' }, spec: { replicas: 3 }, status: { conditions: [{ type: 'Ready', status: 'True' }], members: [] } };
    expect(nodeFromObject(trimNode(node))).toEqual(nodeFromObject(node));
    expect(podProblemFromObject(trimPod(pod))).toEqual(podProblemFromObject(pod));
    expect(workloadFromObject('StatefulSet')(trimWorkload(sts))).toEqual(workloadFromObject('StatefulSet')(sts));
    expect(etcdFromObject('k3s')(trimEtcd(etcd))).toEqual(etcdFromObject('k3s')(etcd));
    expect(JSON.stringify(trimNode(node))).not.toMatch(/images|managedFields|podCIDR/);
  });
});
