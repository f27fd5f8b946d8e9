/**
 * Nodes, Deployments, StatefulSets and Pods as the control-plane source needs them, each shape checked (a wrong
 * one is an error naming the path). Only what an operator reads at 3 a.m.: is it Ready, how many replicas are, is
 * a pod crash-looping.
 */
import * as z from 'zod';
import type { ClusterNode, EtcdState, PodProblem, Workload } from '../../model/control-plane';
import { check } from '../output-shape';

const meta = z.object({ name: z.string(), namespace: z.string().optional() });
const condition = z.object({ type: z.string(), status: z.string(), lastTransitionTime: z.string().optional() });

const nodeSchema = z.object({
  metadata: meta,
  status: z.object({ conditions: z.array(condition).optional(), nodeInfo: z.object({ kubeletVersion: z.string().optional() }).optional() }).optional(),
});

const PRESSURES = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure']);

export function nodeFromObject(raw: unknown): ClusterNode {
  const n = check(nodeSchema, raw);
  const conditions = n.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const since = ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : Number.NaN;
  return {
    name: n.metadata.name,
    ready: ready?.status === 'True' || ready?.status === 'False' ? ready.status : 'Unknown',
    ...(Number.isFinite(since) ? { since } : {}),
    ...(n.status?.nodeInfo?.kubeletVersion ? { kubeletVersion: n.status.nodeInfo.kubeletVersion } : {}),
    pressures: conditions.filter((c) => PRESSURES.has(c.type) && c.status === 'True').map((c) => c.type),
  };
}

const replicas = z.number().int().min(0).max(100_000).optional();
const workloadSchema = z.object({
  metadata: meta.extend({ namespace: z.string() }),
  spec: z.object({ replicas }).optional(),
  status: z.object({ readyReplicas: replicas }).optional(),
});

/** StatefulSets holding the data the backups are of: metal-stack's databases and etcds (by name; see README). */
const DATABASE = /(^|-)(db|etcd|rethinkdb|postgres(ql)?)(-|$)/;

export function workloadFromObject(kind: Workload['kind']) {
  return (raw: unknown): Workload => {
    const w = check(workloadSchema, raw);
    return {
      kind,
      namespace: w.metadata.namespace,
      name: w.metadata.name,
      // A missing spec.replicas means one, as the API server defaults it.
      desired: w.spec?.replicas ?? 1,
      ready: w.status?.readyReplicas ?? 0,
      database: kind === 'StatefulSet' && DATABASE.test(w.metadata.name),
    };
  };
}

const containerStatus = z.object({
  restartCount: z.number().int().min(0).optional(),
  ready: z.boolean().optional(),
  state: z.object({ waiting: z.object({ reason: z.string().optional() }).optional(), terminated: z.object({ reason: z.string().optional() }).optional() }).optional(),
});
const podSchema = z.object({
  metadata: meta.extend({ namespace: z.string() }),
  status: z.object({ phase: z.string().optional(), reason: z.string().optional(), containerStatuses: z.array(containerStatus).optional() }).optional(),
});

/** Waiting reasons that mean the pod will not come up by itself. */
const BAD_WAITING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName']);

/** The pod's problem, or undefined when it is fine (running, or completed). */
export function podProblemFromObject(raw: unknown): PodProblem | null {
  const p = check(podSchema, raw);
  const statuses = p.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const waiting = statuses.map((c) => c.state?.waiting?.reason).find((r) => r !== undefined && BAD_WAITING.has(r));
  const failed = p.status?.phase === 'Failed' ? (p.status.reason ?? 'Failed') : undefined;
  const reason = waiting ?? failed;
  if (reason === undefined) return null;
  return { namespace: p.metadata.namespace, name: p.metadata.name, reason, restarts };
}

const etcdSchema = z.object({
  metadata: meta.extend({ namespace: z.string() }),
  status: z.object({ conditions: z.array(condition.extend({ reason: z.string().optional() })).optional() }).optional(),
});
const ETCD_CONDITIONS = new Set(['Ready', 'AllMembersReady', 'FullSnapshotBackupReady', 'DeltaSnapshotBackupReady']);

/** An etcd-druid Etcd (druid.gardener.cloud/v1alpha1): the conditions an operator needs before and after a restore. */
export function etcdFromObject(cluster: string) {
  return (raw: unknown): EtcdState => etcdOf(cluster, raw);
}

function etcdOf(cluster: string, raw: unknown): EtcdState {
  const e = check(etcdSchema, raw);
  return {
    cluster,
    namespace: e.metadata.namespace,
    name: e.metadata.name,
    conditions: (e.status?.conditions ?? [])
      .filter((c) => ETCD_CONDITIONS.has(c.type))
      .map((c) => {
        const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Number.NaN;
        return {
          type: c.type,
          status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
          ...(c.reason ? { reason: c.reason } : {}),
          ...(Number.isFinite(since) ? { since } : {}),
        };
      }),
  };
}
