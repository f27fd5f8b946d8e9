/**
 * `rackpilot bootstrap` on a real rack whose k3s is the kube lab's real kube-apiserver: the k3s and Gardener steps
 * are verified from the kube API (the control plane source over the real client library). The configured commands
 * are scripts that leave a marker; the test plays kubelet and the Gardener deployment (stand-ins: it registers the
 * node Ready and the gardenlet Deployment ready once the step's command ran). The other steps have no source in
 * this config and are confirmed by hand.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, wizard } from '../e2e/wizard-run';
import { deploymentObject, type KubeLab, kubeLabAvailability, namespaceObject, nodeObject, startKubeLab } from './kube/harness';

const availability = await kubeLabAvailability();
const STEPS = ['k3s', 'metal-stack', 'gardener', 'partition', 'shoots', 'nested', 'backups'] as const;

async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(availability.ok)('bootstrap verified from a real kube-apiserver (kube lab; kubelet and Gardener stand-ins)', { timeout: 120_000 }, () => {
  let lab: KubeLab;
  beforeAll(async () => {
    lab = await startKubeLab({ name: 'bootstrap' });
    for (const ns of ['metal-control-plane', 'garden']) await lab.client.create('namespaces', namespaceObject(ns));
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('waits for the k3s node to be Ready and for Gardener to be ready, each read live after its command ran', async () => {
    const markers = join(lab.dir, 'markers');
    const script = join(lab.dir, 'step');
    writeFileSync(script, `#!/bin/sh\necho "$1" >> '${markers}'\necho "step $1 ran"\n`);
    chmodSync(script, 0o755);
    const config = join(lab.dir, 'bootstrap.yaml');
    const commands = STEPS.map((s) => `    ${s}: { command: [${script}, ${s}] }`).join('\n');
    writeFileSync(config, `rack: { name: lab }\nkubernetes:\n  kubeconfig: ${lab.kubeconfigPath}\n  initial: lab\n  interval: 1000ms\n  requestTimeout: 3s\nwizards:\n  bootstrap:\n${commands}\n`);
    const ran = () => (existsSync(markers) ? readFileSync(markers, 'utf8').trim().split('\n') : []);
    const state = join(lab.dir, 'state');
    const p = wizard(['bootstrap', '--config', config], { HOME: lab.dir, XDG_STATE_HOME: state });

    // kubelet stand-in: the node registers and turns Ready only after the k3s step's command ran.
    await until('the k3s command', () => ran().includes('k3s'));
    await until('the wait for a node', () => p.output().includes('waiting: the k3s API answers, no node registered yet'));
    await lab.client.create('nodes', nodeObject('bootstrap'));
    const now = new Date().toISOString();
    await lab.client.patchStatus('nodes', 'bootstrap', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now }] } });

    // Gardener stand-in: its Deployment appears, not ready, then ready.
    await until('the gardener command', () => ran().includes('gardener'));
    await lab.client.create('deployments', deploymentObject('garden', 'gardenlet', 1));
    await until('the wait for gardenlet', () => /waiting: .*not ready: gardenlet 0\/1/.test(p.output()));
    await lab.client.patchStatus('deployments', 'gardenlet', { status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } }, 'garden');

    const { code } = await p.exited(60_000);
    const out = p.output();
    expect(out).toContain('verified: the k3s API answers; 1 node Ready');
    expect(out).toMatch(/verified: initial-gardener: every workload ready/);
    expect(ran()).toEqual([...STEPS]);
    expect(out).toMatch(/Run done\./);
    expect(code).toBe(0);
    const byHand = auditEntries(state).filter((e) => e.outcome === 'confirmed-by-hand').map((e) => e.step);
    expect(byHand).toEqual(['preflight', 'preflight', 'preflight', 'metal-stack', 'partition', 'shoots', 'nested', 'backups']);
  });
});
