/**
 * `control plane (initial)` (and one per nested cluster): the k3s cluster's nodes and the Deployments,
 * StatefulSets and pods of the metal-stack and Gardener control planes it hosts, watched, as the control-planes
 * domain: one entry for the cluster (its nodes) and one per control plane (its workloads and sick pods). A resource
 * the user may not list is named in the source's error (one finding) while the rest is shown.
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import type { KubernetesConfig } from '../../config/kubernetes';
import type { ControlPlane, PodProblem, Workload } from '../../model/control-plane';
import { describeError } from '../../errors';
import { FailedRead, type Source, StaleRead } from '../source';
import { nodeFromObject, podProblemFromObject, workloadFromObject } from './cluster-objects';
import { trimNode, trimPod, trimWorkload } from './trim';
import { unreadable } from './poll-answer';
import { type CollectionRead, WatchedCollection } from './watched-collection';

export interface ClusterRole {
  readonly layer: 'initial' | 'nested';
  /** What the cluster is: "k3s", or the shoot "project/name" that hosts a nested control plane. */
  readonly cluster: string;
  readonly context: string;
}

export function createControlPlaneSource(o: {
  readonly api: () => Promise<KubeApi>;
  readonly role: ClusterRole;
  readonly namespaces: KubernetesConfig['namespaces'];
  readonly interval: number;
  readonly timeout: number;
}): Source {
  const { role, namespaces } = o;
  const nodes = new WatchedCollection(o.api, '/api/v1/nodes', nodeFromObject, trimNode);
  const planes = [
    { kind: 'metal-stack' as const, name: 'metal-stack', namespace: namespaces.metalStack },
    { kind: 'gardener' as const, name: 'Gardener', namespace: namespaces.gardener },
  ].map((p) => ({
    ...p,
    deployments: new WatchedCollection(o.api, `/apis/apps/v1/namespaces/${p.namespace}/deployments`, workloadFromObject('Deployment'), trimWorkload),
    statefulSets: new WatchedCollection(o.api, `/apis/apps/v1/namespaces/${p.namespace}/statefulsets`, workloadFromObject('StatefulSet'), trimWorkload),
    pods: new WatchedCollection(o.api, `/api/v1/namespaces/${p.namespace}/pods`, podProblemFromObject, trimPod),
  }));
  const all = [nodes, ...planes.flatMap((p) => [p.deployments, p.statefulSets, p.pods])];
  const prefix = role.layer === 'initial' ? 'initial' : `nested ${role.cluster}`;
  let last: { controlPlanes: ControlPlane[] } | undefined;
  return {
    name: role.layer === 'initial' ? 'control plane (initial)' : `control plane (${role.cluster})`,
    kind: 'kube',
    interval: o.interval,
    timeout: o.timeout,
    onChange(listener) {
      const offs = all.map((c) => c.onChange(listener));
      return () => {
        for (const off of offs) off();
      };
    },
    async poll(signal) {
      const reads = await Promise.allSettled(all.map((c) => c.read(signal)));
      // One cause (may not list pods) in several namespaces is said once; objects that could not be read are named.
      const failures = [...new Set(reads.flatMap((r) => (r.status === 'rejected' ? [describeError(r.reason)] : [])))];
      const problems = reads.flatMap((r) => (r.status === 'fulfilled' ? r.value.problems : []));
      if (problems.length > 0) failures.push(unreadable('object', problems));
      // Nothing changed anywhere: the same object, so nothing is redrawn.
      if (last && reads.every((r) => r.status === 'fulfilled' && r.value.unchanged && !r.value.broken)) return last;
      const ok = <T>(i: number): CollectionRead<T> | undefined => {
        const r = reads[i];
        return r?.status === 'fulfilled' ? (r.value as CollectionRead<T>) : undefined;
      };
      const nodeRead = ok<ReturnType<typeof nodeFromObject>>(0);
      const reachable = reads.some((r) => r.status === 'fulfilled');
      const clusterId = role.layer === 'initial' ? 'k3s' : `nested-${role.cluster}`;
      const cluster: ControlPlane = {
        id: clusterId,
        name: role.layer === 'initial' ? 'k3s' : role.cluster,
        kind: 'k3s',
        layer: role.layer,
        hostedOn: role.layer === 'initial' ? 'k3s' : role.cluster,
        reachable,
        ...(nodeRead ? { nodes: nodeRead.items } : {}),
        ...(reachable ? {} : { message: failures[0] }),
      };
      const entries = planes.map((p, i): ControlPlane => {
        const workloads = [...(ok<Workload>(1 + i * 3)?.items ?? []), ...(ok<Workload>(2 + i * 3)?.items ?? [])];
        const podProblems = (ok<PodProblem | null>(3 + i * 3)?.items ?? []).filter((x): x is PodProblem => x !== null);
        return {
          id: `${role.layer === 'initial' ? 'initial' : `nested-${role.cluster}`}-${p.kind}`,
          name: `${prefix} ${p.name}`,
          kind: p.kind,
          layer: role.layer,
          // As in the simulated rack: nested planes are hosted on their shoot (Enter jumps there), initial ones on k3s.
          hostedOn: role.layer === 'initial' ? 'k3s' : role.cluster,
          // Reachable is about the cluster's API; workloads without a ready replica are findings of their own.
          reachable,
          workloads,
          podProblems,
          ...(reachable ? {} : { message: failures[0] }),
        };
      });
      const data = { controlPlanes: [cluster, ...entries] };
      last = failures.length === 0 ? data : undefined;
      if (failures.length > 0) throw new FailedRead(reachable ? failures.join('; ') : (failures[0] ?? 'failed'), data);
      const broken = reads.find((r) => r.status === 'fulfilled' && r.value.broken);
      if (broken?.status === 'fulfilled' && broken.value.broken) throw new StaleRead(`watch broken: ${broken.value.broken.message}`, data);
      return data;
    },
    close() {
      for (const c of all) c.close();
    },
  };
}
