/**
 * The kube benchmark's lab side (bundled by bench/kube.mjs): a real kube-apiserver from the kube lab, filled with
 * 1,000 Shoots in 10 projects, 200 Nodes and 3,000 Pods of the control planes, each with the status a gardenlet or
 * kubelet would write (none runs: this writes it).
 */
import { type KubeLab, namespaceObject, nodeObject, podObject, shootObject, startKubeLab } from '../test/lab/kube/harness';

export { kubeLabAvailability } from '../test/lab/kube/harness';

const now = () => new Date().toISOString();

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

export async function filledLab(counts: { shoots: number; nodes: number; pods: number }): Promise<KubeLab> {
  const lab = await startKubeLab({ name: 'bench' });
  const c = lab.client;
  const projects = Array.from({ length: 10 }, (_, i) => `garden-p${i}`);
  for (const ns of [...projects, 'metal-control-plane', 'garden']) await c.create('namespaces', namespaceObject(ns));
  const shoots = Array.from({ length: counts.shoots }, (_, i) => ({ ns: projects[i % 10] as string, name: `s${String(i).padStart(4, '0')}` }));
  await inParallel(shoots, 16, async ({ ns, name }) => {
    await c.create('shoots', shootObject(ns, name, { seedName: 'local', purpose: 'production' }));
    await c.patchStatus('shoots', name, { status: healthyShoot(name) }, ns);
  });
  const nodes = Array.from({ length: counts.nodes }, (_, i) => `node-${i}`);
  await inParallel(nodes, 16, async (name) => {
    await c.create('nodes', nodeObject(name));
    await c.patchStatus('nodes', name, { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now(), lastTransitionTime: now() }] } });
  });
  const pods = Array.from({ length: counts.pods }, (_, i) => ({ ns: i % 2 ? 'garden' : 'metal-control-plane', name: `pod-${i}` }));
  await inParallel(pods, 16, ({ ns, name }) => c.create('pods', podObject(ns, name, { nodeName: `node-${Number(name.slice(4)) % counts.nodes}` })));
  return lab;
}

function healthyShoot(name: string) {
  const t = now();
  return {
    technicalID: `shoot--${name}`,
    lastOperation: { type: 'Reconcile', state: 'Succeeded', progress: 100, description: 'Shoot cluster has been successfully reconciled.', lastUpdateTime: t },
    conditions: ['APIServerAvailable', 'ControlPlaneHealthy', 'ObservabilityComponentsHealthy', 'EveryNodeReady', 'SystemComponentsHealthy'].map((type) => ({
      type,
      status: 'True',
      lastTransitionTime: t,
      lastUpdateTime: t,
    })),
  };
}

/** The change a gardenlet's care controller writes: EveryNodeReady turns False (or back to True). */
export function everyNodeReady(lab: KubeLab, ns: string, name: string, ready: boolean): Promise<unknown> {
  const status = healthyShoot(name);
  for (const c of status.conditions) if (c.type === 'EveryNodeReady') c.status = ready ? 'True' : 'False';
  return lab.client.patchStatus('shoots', name, { status: { conditions: status.conditions } }, ns);
}
