/**
 * kube exec calls of the real executor through a real kube-apiserver (the kube lab, HTTPS, RBAC): the apiserver
 * checks the token and the rights, finds the pod and its node, and forwards the WebSocket upgrade to that node's
 * kubelet, which is an exec stand-in here (HTTPS on 127.0.0.1, test/helpers/exec-stand-in.ts; a real kubelet cannot
 * run here). What the stand-in received is what the apiserver passed on: the argv unsplit, the container.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesConfig } from '../../src/config/kubernetes';
import type { RealCall } from '../../src/wizards/engine/calls';
import { createRealExecutor } from '../../src/wizards/real-executor/real-executor';
import { type ExecAnswer, ExecStandIn } from '../helpers/exec-stand-in';
import { makeTestCa } from '../helpers/test-ca';
import { type KubeLab, kubeLabAvailability, namespaceObject, nodeObject, podObject, startKubeLab } from './kube/harness';

const availability = await kubeLabAvailability();
const NS = 'metal-control-plane';

describe.runIf(availability.ok)('kube exec through a real kube-apiserver to a kubelet stand-in', { timeout: 60_000 }, () => {
  let lab: KubeLab;
  let config: KubernetesConfig;
  let kubelet: ExecStandIn;
  let dir: string;
  let answer: ExecAnswer = { exitCode: 0 };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rackpilot-exec-lab-'));
    kubelet = new ExecStandIn(() => answer, makeTestCa(dir));
    await kubelet.listen();
    lab = await startKubeLab({ name: 'exec' });
    await lab.client.create('namespaces', namespaceObject(NS));
    // The node the pod runs on: its kubelet is the stand-in (the apiserver does not check a kubelet's certificate
    // without --kubelet-certificate-authority).
    await lab.client.create('nodes', nodeObject('node-1'));
    await lab.client.patchStatus('nodes', 'node-1', { status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port() } } } });
    await lab.client.create('pods', podObject(NS, 'metal-db-0', { nodeName: 'node-1' }));
    await lab.client.create('pods', podObject(NS, 'unscheduled-0'));
    config = { kubeconfig: [lab.kubeconfigPath], initial: 'lab', nested: [], interval: 1000, requestTimeout: 3000, namespaces: { metalStack: NS, gardener: 'garden' } };
  });
  afterAll(async () => {
    await lab?.stop();
    await kubelet?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exec = (name: string, command: string[], context = 'k3s'): RealCall => ({ kind: 'kube', context, namespace: NS, verb: 'exec', resource: 'pod', name, command, args: { timeout: '10s' } });
  async function run(call: RealCall) {
    const lines: string[] = [];
    const outcome = await createRealExecutor({ kubernetes: config }).run({ id: 'a', description: 'exec', effect: { op: 'none' }, calls: [call], destructive: false }, { signal: new AbortController().signal, output: (l) => lines.push(l) });
    return { outcome, lines };
  }

  it('runs the argv unsplit in the pod, streams its output and ends ok on exit 0', async () => {
    answer = { stdout: 'restored\n', stderr: 'token: abc\n', exitCode: 0 };
    const { outcome, lines } = await run(exec('metal-db-0', ['sh', '-c', 'echo restored', 'arg with spaces']));
    expect(outcome).toEqual({ ok: true, exitCode: 0 });
    expect(lines[0]).toBe("$ kubectl --context lab -n metal-control-plane exec metal-db-0 -- sh -c 'echo restored' 'arg with spaces'");
    expect(lines.slice(1).sort()).toEqual(['restored', 'token: ***']);
    expect(kubelet.asked.at(-1)).toMatchObject({ namespace: NS, pod: 'metal-db-0', container: 'main', command: ['sh', '-c', 'echo restored', 'arg with spaces'] });
  });

  it('fails with the exit code the status channel carries', async () => {
    answer = { stderr: 'no such file\n', exitCode: 3 };
    const { outcome } = await run(exec('metal-db-0', ['false']));
    expect(outcome).toMatchObject({ ok: false, exitCode: 3, error: expect.stringMatching(/: exit code 3; last output: no such file$/) });
  });

  it('says why the apiserver refused: no such pod, a pod on no node, no right to create pods/exec', async () => {
    expect((await run(exec('nope', ['true']))).outcome.error).toMatch(/: lab: exec in pod nope in metal-control-plane: no such pod$/);
    expect((await run(exec('unscheduled-0', ['true']))).outcome.error).toMatch(/: lab: exec in pod unscheduled-0 in metal-control-plane: refused: .*does not have a host assigned/);
    expect((await run(exec('metal-db-0', ['true'], 'limited'))).outcome.error).toMatch(/: limited: exec in pod metal-db-0 in metal-control-plane: refused: may not create pods\/exec \(403 forbidden\)$/);
  });
});
