/**
 * What a control plane's cluster says about itself (read from its API): nodes not Ready or under pressure,
 * workloads without a ready replica (a database of the backups is critical: the control plane has lost its
 * state until it is back), pods that will not come up by themselves.
 */
import type { ControlPlane, EtcdState } from '../model/control-plane';
import type { EpochMs } from '../model/time';
import type { Finding } from './finding';
import { ago, finding } from './make-finding';

export function clusterFindings(p: ControlPlane, now: EpochMs): Finding[] {
  const out: Finding[] = [];
  for (const n of p.nodes ?? []) {
    const subject = { kind: 'cluster-node', id: `${p.id}/${n.name}`, label: `${p.name} node ${n.name}` } as const;
    if (n.ready !== 'True') {
      const since = n.since !== undefined ? ` since ${ago(now, n.since)}` : '';
      out.push(
        finding(
          'cluster-node-not-ready',
          'critical',
          'control-planes',
          subject,
          `${p.name} node ${n.name} is ${n.ready === 'False' ? 'NotReady' : 'in state Unknown (kubelet silent)'}${since}`,
          `check the machine and its kubelet (journalctl -u k3s on the node); pods on it are not served`,
        ),
      );
    } else if (n.pressures.length > 0) {
      out.push(finding('cluster-node-pressure', 'warning', 'control-planes', subject, `${p.name} node ${n.name} reports ${n.pressures.join(', ')}`, 'free disk or memory on the node before the kubelet evicts control-plane pods'));
    }
  }
  for (const w of p.workloads ?? []) {
    if (w.desired === 0 || w.ready > 0) continue;
    const subject = { kind: 'workload', id: `${p.id}/${w.namespace}/${w.name}`, label: `${w.kind} ${w.namespace}/${w.name}` } as const;
    out.push(
      finding(
        w.database ? 'database-not-ready' : 'workload-not-ready',
        w.database ? 'critical' : 'warning',
        'control-planes',
        subject,
        `${p.name}: ${w.kind} ${w.namespace}/${w.name} has no ready replica (0/${w.desired})`,
        w.database
          ? `the database is down: check its pod and PVC (kubectl -n ${w.namespace} describe statefulset ${w.name}); before restoring, pick the backup version by hand (rackpilot recover)`
          : `kubectl -n ${w.namespace} describe ${w.kind.toLowerCase()} ${w.name}`,
      ),
    );
  }
  for (const pod of p.podProblems ?? []) {
    out.push(
      finding(
        'pod-not-starting',
        'warning',
        'control-planes',
        { kind: 'pod', id: `${p.id}/${pod.namespace}/${pod.name}`, label: `pod ${pod.namespace}/${pod.name}` },
        `${p.name}: pod ${pod.namespace}/${pod.name} is ${pod.reason}${pod.restarts > 0 ? ` (${pod.restarts} restarts)` : ''}`,
        `kubectl -n ${pod.namespace} logs ${pod.name} --previous; kubectl -n ${pod.namespace} describe pod ${pod.name}`,
      ),
    );
  }
  return out;
}

/**
 * etcd-druid's view of an etcd: not Ready (or members missing) is an outage of what it serves; a full or delta
 * snapshot not on schedule means a restore now would lose data since the last one.
 */
export function etcdFindings(e: EtcdState, now: EpochMs): Finding[] {
  const subject = { kind: 'workload', id: `${e.cluster}/${e.namespace}/${e.name}`, label: `etcd ${e.namespace}/${e.name}` } as const;
  const out: Finding[] = [];
  for (const c of e.conditions) {
    if (c.status === 'True') continue;
    const backup = c.type.endsWith('SnapshotBackupReady');
    const since = c.since !== undefined ? ` since ${ago(now, c.since)}` : '';
    out.push(
      finding(
        backup ? 'etcd-backup-not-ready' : 'etcd-not-ready',
        c.status === 'False' && (!backup || c.type === 'FullSnapshotBackupReady') ? 'critical' : 'warning',
        'control-planes',
        subject,
        `etcd ${e.namespace}/${e.name} (${e.cluster}): ${c.type} is ${c.status}${c.reason ? ` (${c.reason})` : ''}${since}`,
        backup
          ? `check the backup-restore sidecar's logs and the seed's backup bucket credentials (kubectl -n ${e.namespace} logs ${e.name}-0 -c backup-restore); until a snapshot is taken, a restore loses what changed since the last one`
          : `kubectl -n ${e.namespace} describe etcd ${e.name}; the API server that uses it is down meanwhile`,
      ),
    );
  }
  return out;
}
