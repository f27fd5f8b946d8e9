/**
 * rackpilot against a real kube-apiserver (the kube lab): the shoots (garden) and control plane (initial) sources
 * over the real client library, watched live; the test plays gardenlet and kubelet by writing Shoot, Node and
 * StatefulSet status itself (stand-ins, none of them runs here).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { kubeSources } from '../../commands/kube-sources';
import { connectKube } from '../../src/clients/kube/kube-api';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { Source } from '../../src/sources/source';
import type { KubernetesConfig } from '../../src/config/kubernetes';
import { RackStore } from '../../src/store/rack-store';
import { freshConfigHome, runCli } from '../helpers/run-cli';
import { hasTmux, TmuxScreen } from '../helpers/tmux';
import { computedStatus, hibernationCell, lastOperationCell } from '../../src/present/shoot-cells';
import { allKubectls, findKubectl, kubectl } from './kube/kubectl';
import { type KubeLab, kubeLabAvailability, namespaceObject, nodeObject, shootObject, startKubeLab, statefulSetObject } from './kube/harness';

const availability = await kubeLabAvailability();
const INTERVAL = 1000;

async function rackOn(lab: KubeLab, kube: string, extra: Source[] = []): Promise<RackStore> {
  const file = join(lab.dir, `rack-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `rack: { name: lab }\nkubernetes:\n  kubeconfig: ${lab.kubeconfigPath}\n  interval: ${INTERVAL}ms\n  requestTimeout: 3s\n${kube}`);
  const { config } = await loadConfig({ flags: { config: file }, env: { HOME: lab.dir } });
  // The sources open-rack builds for this config, plus extra ones (to see that they keep updating when kube fails).
  const sources = [...kubeSources(config.kubernetes as KubernetesConfig), ...extra];
  const store = new RackStore({ clock: systemClock, sources, rack: { name: 'lab', simulated: false }, pollTimeout: config.refresh.timeout });
  store.start();
  return store;
}

function until(store: RackStore, what: string, test: (s: RackSnapshot) => boolean, timeoutMs = 10_000): Promise<RackSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = store.getSnapshot();
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; sources: ${JSON.stringify(store.getSnapshot().sources)}`));
    }, timeoutMs);
    const off = store.subscribe(check);
    check();
  });
}

const errorShoot = {
  lastOperation: { type: 'Reconcile', state: 'Error', progress: 42, description: 'Waiting for infrastructure', lastUpdateTime: new Date().toISOString() },
  lastErrors: [{ description: 'infrastructure: firewall not reachable', codes: ['ERR_INFRA_DEPENDENCIES'] }],
};

describe.runIf(availability.ok)('rackpilot on a real kube-apiserver', { timeout: 60_000 }, () => {
  let lab: KubeLab;
  const stores: RackStore[] = [];
  beforeAll(async () => {
    lab = await startKubeLab({ name: 'product', extraArgs: ['--watch-cache=false', '--min-request-timeout=2'] });
    for (const ns of ['garden-p1', 'metal-control-plane', 'garden']) await lab.client.create('namespaces', namespaceObject(ns));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.stop()));
    await lab?.stop();
  });
  const open = async (kube: string, extra: Source[] = []) => {
    const store = await rackOn(lab, kube, extra);
    stores.push(store);
    return store;
  };

  it('shows a Shoot within 1 s of its creation, and its Reconcile Error with ERR_INFRA_DEPENDENCIES as a critical finding with the code', async () => {
    const store = await open('  garden: lab\n');
    await until(store, 'the shoots source to answer', (s) => s.sources[0]?.state === 'ok');
    const written = Date.now();
    await lab.client.create('shoots', shootObject('garden-p1', 'c1', { kubernetes: { version: '1.30.8' }, seedName: 'local' }));
    const seen = await until(store, 'shoot c1', (s) => s.shoots.some((x) => x.name === 'c1'));
    expect(Date.now() - written).toBeLessThan(1000);
    expect(seen.sources[0]).toMatchObject({ name: 'shoots (garden)', kind: 'kube', state: 'ok' });
    await lab.client.patchStatus('shoots', 'c1', { status: errorShoot }, 'garden-p1');
    const failed = await until(store, 'the error finding', (s) => s.findings.some((f) => f.rule === 'shoot-operation-failed'));
    const f = failed.findings.find((x) => x.rule === 'shoot-operation-failed');
    expect(f).toMatchObject({ severity: 'critical', subject: { id: 'p1/c1' } });
    expect(f?.summary).toContain('[ERR_INFRA_DEPENDENCIES]');
  });

  it('reports a node set NotReady and a database StatefulSet without a ready replica', async () => {
    await lab.client.create('nodes', nodeObject('bootstrap-1'));
    await lab.client.patchStatus('nodes', 'bootstrap-1', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }] } });
    await lab.client.create('statefulsets', statefulSetObject('metal-control-plane', 'metal-db', 1));
    const store = await open('  initial: lab\n');
    await until(store, 'the node', (s) => s.controlPlanes.find((c) => c.id === 'k3s')?.nodes?.length === 1);
    await lab.client.patchStatus('nodes', 'bootstrap-1', { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }] } });
    const s = await until(store, 'node NotReady', (x) => x.findings.some((f) => f.rule === 'cluster-node-not-ready'));
    expect(s.findings.find((f) => f.rule === 'cluster-node-not-ready')?.summary).toMatch(/^k3s node bootstrap-1 is NotReady/);
    expect(s.findings.find((f) => f.rule === 'database-not-ready')).toMatchObject({ severity: 'critical', subject: { id: 'initial-metal-stack/metal-control-plane/metal-db' } });
  });

  it('a user who may not list pods gets one clear error naming it; nodes and workloads still show', async () => {
    const store = await open('  initial: limited\n');
    const s = await until(store, 'the 403', (x) => x.sources[0]?.state === 'error');
    expect(s.sources[0]?.lastError?.message).toBe('limited: may not list pods (403 forbidden)');
    expect(s.controlPlanes.find((c) => c.id === 'k3s')?.nodes?.map((n) => n.name)).toEqual(['bootstrap-1']);
    expect(s.controlPlanes.find((c) => c.id === 'initial-metal-stack')?.workloads?.map((w) => w.name)).toEqual(['metal-db']);
    expect(s.findings.filter((f) => f.rule === 'source-failing')).toHaveLength(1);
  });

  it('relists after a 410 Expired: no shoot lost, none twice', async () => {
    const api = await connectKube({ kubeconfig: [lab.kubeconfigPath], context: 'lab', requestTimeout: 3000 });
    try {
      const w = api.watch('/apis/core.gardener.cloud/v1beta1/shoots');
      const names = () => w.objects().map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`).sort();
      const wait = async (test: () => boolean, what: string) => {
        for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (test()) return;
        throw new Error(`timed out waiting for ${what}: ${names().join(', ')} after ${w.lists} lists`);
      };
      await wait(() => w.synced, 'the first list');
      await lab.client.create('shoots', shootObject('garden-p1', 'c410', {}));
      await wait(() => names().includes('garden-p1/c410'), 'c410');
      const lists = w.lists;
      await lab.compactEtcd();
      // The apiserver ends watches after --min-request-timeout (2-4 s); the reconnect from the last version seen,
      // now compacted, gets 410 Expired, and the informer relists.
      await wait(() => w.lists > lists, 'a relist after the 410');
      await lab.client.create('shoots', shootObject('garden-p1', 'c411', {}));
      await wait(() => names().includes('garden-p1/c411'), 'c411 after the relist');
      expect(names()).toEqual([...new Set(names())]);
      expect(names()).toEqual(['garden-p1/c1', 'garden-p1/c410', 'garden-p1/c411']);
      expect(w.broken).toBeUndefined();
    } finally {
      api.close();
    }
  });

  it('apiserver kill -9: the kube source turns STALE with the reason within 2 intervals while another source keeps updating; back when it returns', async () => {
    let polls = 0;
    const counter: Source = { name: 'counter', kind: 'sim', interval: 200, poll: async () => ({ machines: [] }) };
    const counted: Source = {
      ...counter,
      poll: (signal) => {
        polls++;
        return counter.poll(signal);
      },
    };
    const store = await open('  garden: lab\n', [counted]);
    await until(store, 'the shoots source to answer', (s) => s.sources[0]?.state === 'ok' && s.shoots.length >= 1);
    await lab.killApiserver();
    const killed = Date.now();
    const stale = await until(store, 'shoots (garden) STALE', (s) => s.sources[0]?.state === 'stale', 2 * INTERVAL + 2000);
    expect(Date.now() - killed).toBeLessThan(2 * INTERVAL + 1000);
    expect(stale.sources[0]?.lastError?.message).toMatch(/^watch broken: lab: (cannot connect to|connection to) https:\/\/127\.0\.0\.1:\d+(: connection refused| was reset)/);
    expect(stale.shoots.map((x) => x.name)).toContain('c1');
    const before = polls;
    await new Promise((r) => setTimeout(r, 1000));
    expect(polls - before).toBeGreaterThanOrEqual(3);
    await lab.startApiserver();
    await until(store, 'shoots (garden) ok again', (s) => s.sources[0]?.state === 'ok', 40_000);
    await lab.client.create('shoots', shootObject('garden-p1', 'after', {}));
    await until(store, 'a shoot created after the restart', (s) => s.shoots.some((x) => x.name === 'after'));
  });

  it('status --json on a config with only kubernetes: reports the shoots and control planes of the real apiserver', async () => {
    const file = join(lab.dir, 'status.yaml');
    writeFileSync(file, `kubernetes:\n  kubeconfig: ${lab.kubeconfigPath}\n  garden: lab\n  initial: lab\n`);
    const r = runCli(['status', '--json', '--config', file], { HOME: lab.dir });
    const json = JSON.parse(r.stdout) as { sources: Array<{ name: string; kind: string; state: string }>; findings: Array<{ rule: string }>; areas: Record<string, { summary: string }> };
    expect(json.sources.map((x) => [x.name, x.kind, x.state])).toEqual([
      ['shoots (garden)', 'kube', 'ok'],
      ['control plane (initial)', 'kube', 'ok'],
      // etcd-druid is not installed in the lab (yet): not an error.
      ['etcd (initial)', 'kube', 'ok'],
    ]);
    expect(json.areas.shoots?.summary).toMatch(/^\d+ shoots/);
    expect(json.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['shoot-operation-failed', 'cluster-node-not-ready', 'database-not-ready']));
    expect(r.code).toBe(2);
  });

  it.runIf(hasTmux)('the TUI shows the shoots of the garden at 80x24', async () => {
    const file = join(lab.dir, 'tui.yaml');
    writeFileSync(file, `kubernetes:\n  kubeconfig: ${lab.kubeconfigPath}\n  garden: lab\n  initial: lab\n`);
    const t = TmuxScreen.start(80, 24, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '', HOME: lab.dir });
    try {
      t.run(`'${process.execPath}' bin/rackpilot --config '${file}'`);
      await t.waitFor(/shoots \(garden\) ok/);
      await t.keys('5');
      const screen = await t.waitFor(/\[5 Shoots[^\]]*\][\s\S]*p1\/c1 /);
      expect(screen).toMatch(/p1\/c1\s+local\s+1\.30\.8\s+Reconcile Error/);
      await t.keys('q');
    } finally {
      t.kill();
    }
  });

  it.runIf(findKubectl() !== undefined)('shows the same shoot cells as kubectl gives (an independent client; cells by the rules of gardener.md)', async () => {
    const now = new Date().toISOString();
    const cases: Array<[string, Record<string, unknown>, object]> = [
      ['hib-on', { hibernation: { enabled: true } }, { hibernated: true, lastOperation: { type: 'Reconcile', state: 'Succeeded', progress: 100, lastUpdateTime: now } }],
      ['hibernating', { hibernation: { enabled: true } }, { hibernated: false, lastOperation: { type: 'Reconcile', state: 'Processing', progress: 30, lastUpdateTime: now } }],
      ['waking', { hibernation: { enabled: false } }, { hibernated: true }],
      ['creating', {}, { lastOperation: { type: 'Create', state: 'Processing', progress: 10, lastUpdateTime: now }, lastErrors: [{ description: 'x' }] }],
      ['unknown-cond', {}, { lastOperation: { type: 'Reconcile', state: 'Succeeded', progress: 100, lastUpdateTime: now }, conditions: [{ type: 'APIServerAvailable', status: 'Unknown' }] }],
    ];
    for (const [name, spec, status] of cases) {
      await lab.client.create('shoots', shootObject('garden-p1', name, spec));
      await lab.client.patchStatus('shoots', name, { status }, 'garden-p1');
    }
    const store = await open('  garden: lab\n');
    const snap = await until(store, 'every case', (x) => cases.every(([n]) => x.shoots.some((sh) => sh.name === n && (sh.lastOperation || n === 'waking'))));
    // Every kubectl version of the machine image (1.27 … 1.33), each an independent read of the same objects.
    for (const binary of allKubectls()) {
      const r = await kubectl(binary, lab.kubeconfigPath, ['get', 'shoots', '-A', '-o', 'json']);
      expect(r.ok, `${binary}: ${r.stderr}`).toBe(true);
      const items = (JSON.parse(r.stdout) as { items: KubectlShoot[] }).items;
      for (const item of items) {
        const mine = snap.shoots.find((x) => x.name === item.metadata.name);
        if (!mine) continue;
        expect([lastOperationCell(mine), hibernationCell(mine), computedStatus(mine)], `${binary} ${item.metadata.name}`).toEqual(kubectlCells(item));
      }
      expect(items.length).toBeGreaterThanOrEqual(cases.length);
    }
  });

  it('reads a nested control plane through its own context, named after the shoot that hosts it', async () => {
    const store = await open('  nested: { p1/c1: lab }\n');
    const s = await until(store, 'the nested source', (x) => x.sources[0]?.state === 'ok');
    expect(s.sources[0]).toMatchObject({ name: 'control plane (p1/c1)', kind: 'kube' });
    expect(s.controlPlanes.map((c) => [c.id, c.layer, c.hostedOn])).toEqual([
      ['nested-p1/c1', 'nested', 'p1/c1'],
      ['nested-p1/c1-metal-stack', 'nested', 'p1/c1'],
      ['nested-p1/c1-gardener', 'nested', 'p1/c1'],
    ]);
    expect(s.findings.find((f) => f.rule === 'database-not-ready')?.summary).toBe('nested p1/c1 metal-stack: StatefulSet metal-control-plane/metal-db has no ready replica (0/1)');
  });

  it('reads etcd-druid Etcds once the CRD is there, and a missed full snapshot is a critical finding', async () => {
    const store = await open('  initial: lab\n');
    await until(store, 'the etcd source, with no CRD yet', (x) => x.sources.find((src) => src.name === 'etcd (initial)')?.state === 'ok');
    await lab.client.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', ETCD_CRD);
    await waitUntilServed(lab, '/apis/druid.gardener.cloud/v1alpha1/etcds');
    await lab.client.call('POST', '/apis/druid.gardener.cloud/v1alpha1/namespaces/garden/etcds', { apiVersion: 'druid.gardener.cloud/v1alpha1', kind: 'Etcd', metadata: { name: 'virtual-garden-etcd-main', namespace: 'garden' }, spec: {} });
    await lab.client.call('PATCH', '/apis/druid.gardener.cloud/v1alpha1/namespaces/garden/etcds/virtual-garden-etcd-main/status', { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'FullSnapshotBackupReady', status: 'False', reason: 'SnapshotMissedSchedule' }] } }, 'application/merge-patch+json');
    // The watch is restarted with backoff while the resource is missing (at most 30 s apart); it lists once it is there.
    const s = await until(store, 'the etcd finding', (x) => x.findings.some((f) => f.rule === 'etcd-backup-not-ready'), 40_000);
    expect(s.findings.find((f) => f.rule === 'etcd-backup-not-ready')).toMatchObject({
      severity: 'critical',
      summary: 'etcd garden/virtual-garden-etcd-main (k3s): FullSnapshotBackupReady is False (SnapshotMissedSchedule)',
    });
  });

  it('a wrong CA is one clear error line', async () => {
    const kubeconfig = join(lab.dir, 'wrong-ca.yaml');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${lab.server}", certificate-authority-data: ${Buffer.from(wrongCa(lab.dir)).toString('base64')}}}]\nusers: [{name: u, user: {token: ${lab.token}}}]\ncontexts: [{name: wrong, context: {cluster: c, user: u}}]\ncurrent-context: wrong\n`);
    const api = await connectKube({ kubeconfig: [kubeconfig], context: 'wrong', requestTimeout: 3000 });
    const error = await api.get('/version').then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^wrong: TLS: https:\/\/127\.0\.0\.1:\d+ presented a certificate the kubeconfig's CA does not trust \(\w+/);
    expect(error?.message).not.toContain('\n');
  });
});

const ETCD_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'etcds.druid.gardener.cloud' },
  spec: {
    group: 'druid.gardener.cloud',
    scope: 'Namespaced',
    names: { plural: 'etcds', singular: 'etcd', kind: 'Etcd', listKind: 'EtcdList' },
    versions: [{ name: 'v1alpha1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

async function waitUntilServed(lab: KubeLab, path: string): Promise<void> {
  for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if ((await lab.client.request('GET', path)).status === 200) return;
  }
  throw new Error(`${path} not served`);
}

interface KubectlShoot {
  metadata: { name: string };
  spec?: { hibernation?: { enabled?: boolean } };
  status?: { hibernated?: boolean; lastOperation?: { type: string; state: string; progress?: number }; lastErrors?: unknown[]; conditions?: Array<{ status: string }> };
}

/** LAST OPERATION, HIBERNATION and STATUS from kubectl's JSON, by the rules written down in shared/domain/gardener.md §4. */
function kubectlCells(s: KubectlShoot): [string, string, string] {
  const op = s.status?.lastOperation;
  const lastOp = op ? `${op.type} ${op.state} (${op.progress ?? 0}%)` : '<pending>';
  const enabled = s.spec?.hibernation?.enabled ?? false;
  const hibernated = s.status?.hibernated ?? false;
  const hib = enabled ? (hibernated ? 'Hibernated' : 'Hibernating') : hibernated ? 'Waking Up' : 'Awake';
  const order = ['unhealthy', 'unknown', 'progressing', 'healthy'];
  const worst = (a: string, b: string) => (order.indexOf(b) < order.indexOf(a) ? b : a);
  const errors = (s.status?.lastErrors ?? []).length > 0;
  let status = 'healthy';
  if (op) {
    if ((op.type === 'Create' && op.state !== 'Succeeded') || op.type === 'Delete') status = errors ? 'unhealthy' : 'healthy';
    else {
      for (const c of s.status?.conditions ?? []) status = worst(status, c.status === 'True' ? 'healthy' : c.status === 'Progressing' ? 'progressing' : c.status === 'Unknown' ? 'unknown' : 'unhealthy');
      status = worst(status, op.state === 'Processing' ? (errors ? 'unhealthy' : 'healthy') : op.state === 'Succeeded' ? 'healthy' : 'unhealthy');
    }
  }
  return [lastOp, hib, status];
}

/** A CA that did not sign the lab's certificate: a throw-away self-signed one. */
function wrongCa(dir: string): string {
  const key = join(dir, 'wrong-ca.key');
  const cert = join(dir, 'wrong-ca.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=wrong-ca', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return readFileSync(cert, 'utf8');
}

if (!availability.ok) {
  const { reason } = availability;
  describe('rackpilot on a real kube-apiserver', () => {
    it.skip(`kube lab unavailable: ${reason}`, () => {});
  });
}
