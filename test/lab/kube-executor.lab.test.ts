/**
 * The real wizard executor's kube calls against a real kube-apiserver (the kube lab), through the product's client
 * with the context resolved from a `kubernetes:` config: the recovery's own calls (real-procedure.ts) stop a
 * database, clear its data and start it again, with a kubelet stand-in playing the controllers and kubelet the lab
 * does not run. What changed is read back with the lab's independent client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesConfig } from '../../src/config/kubernetes';
import type { RealCall } from '../../src/wizards/engine/calls';
import type { Action, ActionOutcome } from '../../src/wizards/engine/types';
import { createRealExecutor } from '../../src/wizards/real-executor/real-executor';
import { clearDataCalls, startCalls, stopCalls, waitReadyCalls } from '../../src/wizards/runbooks/real-procedure';
import { backupOf, healthySnapshot } from '../fixtures/snapshot-builder';
import { type KubeLab, kubeLabAvailability, namespaceObject, podObject, pvcObject, startKubeLab, statefulSetObject } from './kube/harness';
import { startKubeletStandIn } from './kube/kubelet-stand-in';

const availability = await kubeLabAvailability();
const NS = 'metal-control-plane';
// The initial cluster's metal-db as the runbooks place it: StatefulSet metal-db, claim metal-db-metal-db-0, context k3s.
const metalDb = { ...backupOf(healthySnapshot(), 'metal-db'), id: 'initial-metal-db', name: 'metal-db', tool: 'backup-restore-sidecar' as const };
const kube = (verb: 'scale' | 'delete' | 'wait' | 'annotate', resource: 'statefulset' | 'persistentvolumeclaim' | 'pod' | 'etcd', name: string, args?: Record<string, string | number>, context = 'k3s'): RealCall => ({ kind: 'kube', context, namespace: NS, verb, resource, name, ...(args ? { args } : {}) });

describe.runIf(availability.ok)('the real executor on a real kube-apiserver', { timeout: 60_000 }, () => {
  let lab: KubeLab;
  let config: KubernetesConfig;
  beforeAll(async () => {
    lab = await startKubeLab({ name: 'executor' });
    await lab.client.create('namespaces', namespaceObject(NS));
    // `k3s` in the runbooks' calls is the initial cluster: the lab's context `lab` here, as kubernetes.initial says.
    config = { kubeconfig: [lab.kubeconfigPath], initial: 'lab', nested: [], interval: 1000, requestTimeout: 3000, namespaces: { metalStack: NS, gardener: 'garden' } };
  });
  afterAll(() => lab?.stop());

  async function run(calls: readonly RealCall[], signal = new AbortController().signal): Promise<{ outcome: ActionOutcome; lines: string[] }> {
    const lines: string[] = [];
    const action: Action = { id: 'a', description: 'lab action', effect: { op: 'none' }, calls, destructive: false };
    const outcome = await createRealExecutor({ kubernetes: config, pollEvery: 200 }).run(action, { signal, output: (l) => lines.push(l) });
    return { outcome, lines };
  }
  const replicas = async (name: string) => (await lab.client.get<{ spec: { replicas: number } }>('statefulsets', name, NS)).spec.replicas;

  it('scales a StatefulSet to 0 and back to 1 through its scale subresource, showing the kubectl command with the resolved context', async () => {
    await lab.client.create('statefulsets', statefulSetObject(NS, 'scaled', 1));
    const down = await run([kube('scale', 'statefulset', 'scaled', { replicas: 0 })]);
    expect(down.outcome).toEqual({ ok: true });
    expect(down.lines).toEqual(['$ kubectl --context lab -n metal-control-plane scale statefulset scaled --replicas=0', 'statefulset scaled in metal-control-plane scaled to 0']);
    expect(await replicas('scaled')).toBe(0);
    expect((await run([kube('scale', 'statefulset', 'scaled', { replicas: 1 })])).outcome.ok).toBe(true);
    expect(await replicas('scaled')).toBe(1);
    const missing = await run([kube('scale', 'statefulset', 'nope', { replicas: 0 })]);
    expect(missing.outcome.error).toBe('call 1/1 (kubectl --context lab -n metal-control-plane scale statefulset nope --replicas=0): statefulset nope in metal-control-plane: not found');
  });

  it('deletes a claim and waits until it is gone (the kubelet stand-in drops its finalizer, as the controller-manager would); deleting it again is done, not an error', async () => {
    await lab.client.create('statefulsets', statefulSetObject(NS, 'claims', 0));
    const claim = await lab.client.create('persistentvolumeclaims', pvcObject(NS, 'data-claims-0'));
    // The apiserver's admission guards the claim, so a delete really has to wait for the finalizer to go.
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const standIn = startKubeletStandIn(lab.client, NS, 'claims');
    try {
      const first = await run([kube('delete', 'persistentvolumeclaim', 'data-claims-0', { timeout: '20s' })]);
      expect(first.outcome).toEqual({ ok: true });
      expect(first.lines.at(-1)).toBe('persistentvolumeclaim data-claims-0 in metal-control-plane deleted');
      expect((await lab.client.request('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/data-claims-0`)).status).toBe(404);
      const second = await run([kube('delete', 'persistentvolumeclaim', 'data-claims-0')]);
      expect(second.outcome).toEqual({ ok: true });
      expect(second.lines.at(-1)).toBe('persistentvolumeclaim data-claims-0 in metal-control-plane was already gone: nothing to delete');
    } finally {
      await standIn.stop();
    }
  });

  it('sets and removes an annotation with a merge patch, leaving the others', async () => {
    await lab.client.create('statefulsets', { ...statefulSetObject(NS, 'noted', 0), metadata: { name: 'noted', namespace: NS, annotations: { keep: 'me' } } });
    const annotations = async () => (await lab.client.get<{ metadata: { annotations?: Record<string, string> } }>('statefulsets', 'noted', NS)).metadata.annotations;
    expect((await run([kube('annotate', 'statefulset', 'noted', { annotation: 'rackpilot.io/paused=true' })])).outcome.ok).toBe(true);
    expect(await annotations()).toEqual({ keep: 'me', 'rackpilot.io/paused': 'true' });
    expect((await run([kube('annotate', 'statefulset', 'noted', { annotation: 'rackpilot.io/paused-' })])).outcome.ok).toBe(true);
    expect(await annotations()).toEqual({ keep: 'me' });
  });

  it("runs the recovery's own calls: stop metal-db, delete its data claim, start it, wait for Ready (kubelet stand-in)", async () => {
    await lab.client.create('statefulsets', statefulSetObject(NS, 'metal-db', 1));
    await lab.client.create('persistentvolumeclaims', pvcObject(NS, 'metal-db-metal-db-0'));
    const standIn = startKubeletStandIn(lab.client, NS, 'metal-db');
    try {
      const calls = [...stopCalls(metalDb), ...clearDataCalls(metalDb), ...startCalls(metalDb), ...waitReadyCalls(metalDb)];
      const { outcome, lines } = await run(calls);
      expect(outcome).toEqual({ ok: true });
      expect(lines.filter((l) => l.startsWith('$ '))).toEqual([
        '$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=0',
        '$ kubectl --context lab -n metal-control-plane wait pod/metal-db-0 --for=delete --timeout=5m',
        '$ kubectl --context lab -n metal-control-plane delete persistentvolumeclaim metal-db-metal-db-0 --wait=true',
        '$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=1',
        '$ kubectl --context lab -n metal-control-plane wait pod/metal-db-0 --for=condition=Ready --timeout=15m',
      ]);
      expect(lines.at(-1)).toBe('pod metal-db-0 in metal-control-plane: Ready');
      expect(await replicas('metal-db')).toBe(1);
      expect((await lab.client.request('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/metal-db-metal-db-0`)).status).toBe(404);
    } finally {
      await standIn.stop();
    }
  });

  it('gives up a wait for Ready at its timeout, saying what it last saw', async () => {
    await lab.client.create('pods', podObject(NS, 'stuck-0'));
    await lab.client.patchStatus('pods', 'stuck-0', { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [main]' }] } }, NS);
    const started = Date.now();
    const { outcome } = await run([kube('wait', 'pod', 'stuck-0', { for: 'condition=Ready', timeout: '2s' }), kube('scale', 'statefulset', 'never', { replicas: 0 })]);
    expect(outcome.error).toBe(
      'call 1/2 (kubectl --context lab -n metal-control-plane wait pod/stuck-0 --for=condition=Ready --timeout=2s): pod stuck-0 in metal-control-plane: waited 2 s for Ready; last: Ready=False (ContainersNotReady: containers with unready status: [main])',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('stops a wait at once when the run is aborted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    const { outcome } = await run([kube('wait', 'pod', 'never-0', { for: 'condition=Ready', timeout: '1m' })], ac.signal);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/: cancelled$/) });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says in one line what a user without the rights may not do (a context the config does not map is used as it is)', async () => {
    await lab.client.create('statefulsets', statefulSetObject(NS, 'guarded', 1));
    const { outcome } = await run([kube('scale', 'statefulset', 'guarded', { replicas: 0 }, 'limited')]);
    expect(outcome.error).toBe('call 1/1 (kubectl --context limited -n metal-control-plane scale statefulset guarded --replicas=0): limited: may not patch statefulsets/scale.apps (403 forbidden)');
    expect(await replicas('guarded')).toBe(1);
  });

  it('says plainly when a resource is not installed (no etcd-druid here)', async () => {
    const { outcome } = await run([kube('annotate', 'etcd', 'etcd-main', { annotation: 'druid.gardener.cloud/suspend-etcd-spec-reconcile=true' })]);
    expect(outcome.error).toMatch(/: etcd etcd-main in metal-control-plane: not found$/);
  });
});
