/**
 * Smoke test of the kube lab harness itself: a real kube-apiserver 1.20.2 on etcd answers over TLS with bearer
 * tokens, serves the stand-in Shoot CRD with its status subresource, agrees with kubectl, survives kill -9, gives
 * 410 after an etcd compaction, takes workloads and their status, and refuses the `limited` user pods. Two labs
 * run side by side (free ports).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKubectl, kubectl } from './kube/kubectl';
import {
  cleanupStaleKubeLabs,
  deploymentObject,
  KUBE_VERSION,
  type KubeLab,
  kubeLabAvailability,
  namespaceObject,
  nodeObject,
  podObject,
  shootObject,
  startKubeLab,
  statefulSetObject,
} from './kube/harness';

const availability = await kubeLabAvailability();
const kubectlBinary = findKubectl();

/** Processes whose command line names `dir`: the lab's own daemons. */
function processesUsing(dir: string): string[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return []; // reaped later by PID 1
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) ? [pid] : [];
      } catch {
        return [];
      }
    });
}

describe.runIf(availability.ok)('kube lab harness', () => {
  let lab: KubeLab;
  let compacting: KubeLab;

  beforeAll(async () => {
    await cleanupStaleKubeLabs();
    const started = Date.now();
    [lab, compacting] = await Promise.all([
      startKubeLab({ name: 'smoke' }),
      startKubeLab({ name: 'compact', extraArgs: ['--watch-cache=false'] }),
    ]);
    console.info(`two kube labs started in ${Date.now() - started} ms`);
    await lab.client.create('namespaces', namespaceObject('garden-lab'));
  });
  afterAll(() => Promise.all([lab?.stop(), compacting?.stop()]));

  it(`answers /version with ${KUBE_VERSION} over TLS, on its own port`, async () => {
    expect(await lab.client.call('GET', '/version')).toMatchObject({ gitVersion: KUBE_VERSION });
    expect(lab.server).not.toBe(compacting.server);
    expect(lab.etcdUrl).not.toBe(compacting.etcdUrl);
  });

  it('accepts a Shoot and a patch of its status subresource, which a plain patch cannot change', async () => {
    await lab.client.create('shoots', shootObject('garden-lab', 'alpha'));
    const operation = { type: 'Reconcile', state: 'Succeeded', progress: 100 };
    await lab.client.patchStatus('shoots', 'alpha', { status: { lastOperation: operation } }, 'garden-lab');
    await lab.client.patch('shoots', 'alpha', { status: { lastOperation: { state: 'Failed' } } }, 'garden-lab');
    const shoot = await lab.client.get<{ spec: { region: string }; status: unknown }>('shoots', 'alpha', 'garden-lab');
    expect(shoot.spec.region).toBe('rack-1');
    expect(shoot.status).toEqual({ lastOperation: operation });
  });

  it.runIf(kubectlBinary)(`agrees with kubectl (${kubectlBinary}) on shoots and on the limited user`, async () => {
    await lab.client.create('shoots', shootObject('garden-lab', 'bravo'));
    const shoots = await kubectl(kubectlBinary ?? '', lab.kubeconfigPath, ['get', 'shoots', '-A', '-o', 'json']);
    expect(shoots.stderr).toBe('');
    const names = (JSON.parse(shoots.stdout) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['alpha', 'bravo']));
    const pods = await kubectl(kubectlBinary ?? '', lab.kubeconfigPath, ['--context', 'limited', 'get', 'pods', '-A']);
    expect(pods.ok).toBe(false);
    expect(pods.stderr).toMatch(/forbidden/i);
  });

  it('keeps its data across kill -9 of the apiserver and startApiserver on the same port', async () => {
    const node = await lab.client.create('nodes', nodeObject('rack1-node1'));
    await lab.client.patchStatus('nodes', 'rack1-node1', { status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    await lab.killApiserver();
    await expect(lab.client.request('GET', '/version')).rejects.toThrow(/ECONNREFUSED/);
    const restarting = Date.now();
    await lab.startApiserver();
    console.info(`apiserver ready again ${Date.now() - restarting} ms after startApiserver`);
    const again = await lab.client.get<{ metadata: { uid: string }; status: unknown }>('nodes', 'rack1-node1');
    expect(again.metadata.uid).toBe(node.metadata.uid);
    expect(again.status).toMatchObject({ conditions: [{ type: 'Ready', status: 'True' }] });
    expect((await lab.client.get('shoots', 'alpha', 'garden-lab')).metadata.name).toBe('alpha');
  });

  it('answers a watch from a compacted resourceVersion with 410 Expired (--watch-cache=false)', async () => {
    const old = (await compacting.client.create('nodes', nodeObject('old-node'))).metadata.resourceVersion ?? '';
    // The newest resourceVersion (no write after it) must expire too: compactEtcd sees to that.
    const latest = await compacting.client.patch('nodes', 'old-node', { metadata: { labels: { touched: 'yes' } } });
    const revision = await compacting.compactEtcd();
    expect(revision).toBeGreaterThan(Number(old));
    const expired = await compacting.client.watch('/api/v1/nodes', old);
    expect(expired.status).toBe(200);
    expect(expired.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const newest = await compacting.client.watch('/api/v1/nodes', latest.metadata.resourceVersion ?? '');
    expect(newest.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    // A relist's resourceVersion watches fine.
    const list = await compacting.client.list('nodes');
    const watching = compacting.client.watch('/api/v1/nodes', list.metadata.resourceVersion);
    await compacting.client.create('nodes', nodeObject('new-node'));
    expect((await watching).events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'new-node' } } });
  });

  // The apiserver validates status as it would a controller's (availableReplicas <= readyReplicas, …).
  it('takes StatefulSets and Deployments and the status a controller would write (none runs here)', async () => {
    await lab.client.create('statefulsets', statefulSetObject('garden-lab', 'etcd-main', 3));
    await lab.client.create('deployments', deploymentObject('garden-lab', 'kube-apiserver', 2));
    await lab.client.patchStatus('statefulsets', 'etcd-main', { status: { replicas: 3, readyReplicas: 2 } }, 'garden-lab');
    await lab.client.patchStatus('deployments', 'kube-apiserver', { status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 } }, 'garden-lab');
    expect(await lab.client.get('statefulsets', 'etcd-main', 'garden-lab')).toMatchObject({ status: { readyReplicas: 2 } });
    expect(await lab.client.get('deployments', 'kube-apiserver', 'garden-lab')).toMatchObject({ status: { availableReplicas: 2 } });
  });

  it('refuses the limited user pods (403) but lets it list nodes and shoots', async () => {
    await lab.client.create('pods', podObject('garden-lab', 'etcd-main-0', { nodeName: 'rack1-node1' }));
    expect((await lab.limitedClient.request('GET', '/api/v1/pods')).status).toBe(403);
    expect((await lab.limitedClient.request('GET', '/api/v1/namespaces/garden-lab/pods')).status).toBe(403);
    expect((await lab.limitedClient.request('GET', '/api/v1/nodes')).status).toBe(200);
    expect((await lab.limitedClient.list('shoots')).items.length).toBeGreaterThanOrEqual(1);
    expect((await lab.client.list('pods', 'garden-lab')).items.map((p) => p.metadata.name)).toEqual(['etcd-main-0']);
  });

  it('stop() leaves no daemon or dir behind, and may be called twice', async () => {
    expect(processesUsing(lab.dir).length).toBe(2);
    const stopping = Date.now();
    await lab.stop();
    console.info(`kube lab stopped in ${Date.now() - stopping} ms`);
    await lab.stop();
    expect(processesUsing(lab.dir)).toEqual([]);
    expect(existsSync(lab.dir)).toBe(false);
  });
});

// Reported as skipped, with the reason, wherever the lab cannot run: never as passed.
if (!availability.ok) {
  const { reason } = availability;
  describe('kube lab harness', () => {
    it.skip(`kube lab unavailable: ${reason}`, () => {});
  });
}
if (availability.ok && !kubectlBinary) {
  describe('kube lab harness', () => {
    it.skip('kubectl cross-check: no kubectl.1.N next to the kubectl on PATH', () => {});
  });
}
