/**
 * A stand-in for what a cluster's controllers and kubelet do with one StatefulSet of one replica, since the kube
 * lab runs none of them: pod `<name>-0` appears when spec.replicas is 1 and turns Ready `readyAfter` later (the
 * kubelet), disappears when it is 0 (the StatefulSet controller), and a claim being deleted loses its
 * pvc-protection finalizer (the controller-manager's, as no pod uses it). The StatefulSet's status.readyReplicas
 * follows its pod, as the StatefulSet controller keeps it. Polls every 100 ms until stopped.
 */
import { sleep } from '../proc';
import type { KubeClient } from './client';
import { podObject } from './resources';

interface Sts {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}
interface Pod {
  metadata: { creationTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}
interface Claim {
  metadata: { name: string; deletionTimestamp?: string; finalizers?: string[] };
}

export function startKubeletStandIn(client: KubeClient, namespace: string, statefulSet: string, readyAfter = 500): { stop(): Promise<void> } {
  let running = true;
  const pod = `${statefulSet}-0`;
  const tick = async () => {
    const sts = await client.request<Sts>('GET', `/apis/apps/v1/namespaces/${namespace}/statefulsets/${statefulSet}`);
    const p = await client.request<Pod>('GET', `/api/v1/namespaces/${namespace}/pods/${pod}`);
    const want = sts.status === 200 ? (sts.body.spec?.replicas ?? 1) : 0;
    if (want > 0 && p.status === 404) await client.create('pods', podObject(namespace, pod, { labels: { app: statefulSet } }));
    if (want > 0 && p.status === 200) {
      const ready = p.body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      const age = Date.now() - Date.parse(p.body.metadata.creationTimestamp ?? '');
      if (!ready && age >= readyAfter) await client.patchStatus('pods', pod, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }, namespace);
    }
    if (want === 0 && p.status === 200) await client.delete('pods', pod, namespace);
    if (sts.status === 200) {
      const now = await client.request<Pod>('GET', `/api/v1/namespaces/${namespace}/pods/${pod}`);
      const ready = now.status === 200 && now.body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0;
      if ((sts.body.status?.readyReplicas ?? 0) !== ready) await client.patchStatus('statefulsets', statefulSet, { status: { readyReplicas: ready, replicas: ready } }, namespace);
    }
    const claims = await client.list<Claim>('persistentvolumeclaims', namespace);
    for (const c of claims.items) {
      if (c.metadata.deletionTimestamp && c.metadata.finalizers?.length) await client.patch('persistentvolumeclaims', c.metadata.name, { metadata: { finalizers: null } }, namespace);
    }
  };
  const loop = (async () => {
    while (running) {
      // A conflict with the test's own writes is tried again on the next round.
      await tick().catch(() => undefined);
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
