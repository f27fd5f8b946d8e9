// How a real bootstrap verifies each step: from the live source the config names (the same snapshot the TUI and
// status read), or, without one, by hand; a configured source that does not answer fails with its error.
import { describe, expect, it } from 'vitest';
import type { RackSnapshot } from '../../src/model/snapshot';
import { callText, type RealCall } from '../../src/wizards/engine/calls';
import { bootstrapRunbook } from '../../src/wizards/runbooks/bootstrap';
import { liveVerifies } from '../../src/wizards/runbooks/bootstrap-live';
import { healthySnapshot, judged, withControlPlane, withSource } from '../fixtures/snapshot-builder';

const ALL = { initial: 'admin@k3s', garden: 'garden', nested: ['p1/c1'], metalApi: 'https://metal.test/metal', backups: ['metal-db'], switches: [] };
const NONE = { nested: [], backups: [], switches: [] };
const node = (name: string, ready: 'True' | 'False') => ({ name, ready, pressures: [] });
const withApi = (s: RackSnapshot, status: 'healthy' | 'unhealthy', message = 'ok') => judged({ ...s, apis: [{ name: 'metal-api', url: ALL.metalApi, status, message, services: [], version: 'v0.40.0' }] });

describe('live verification of a real bootstrap', () => {
  it('without a source, each step is a by-hand check that says what is missing and never passes', () => {
    const s = healthySnapshot();
    for (const [id, v] of Object.entries(liveVerifies(NONE))) {
      const r = v.test(s);
      expect([id, r.ok, typeof r.byHand]).toEqual([id, false, 'string']);
      expect(v.description).toContain(`(by hand: ${r.detail})`);
    }
    expect(liveVerifies(NONE)['metal-stack'].test(s).detail).toBe('no metalApi: in the config');
  });

  it('k3s: the API answers and every node is Ready, read from the initial context', () => {
    const k3s = liveVerifies(ALL).k3s;
    expect(k3s.description).toBe('the k3s API answers and every node is Ready (read from kube context admin@k3s)');
    expect(k3s.test(withControlPlane(healthySnapshot(), 'k3s', { nodes: [node('bootstrap', 'True')] }))).toEqual({ ok: true, detail: 'the k3s API answers; 1 node Ready' });
    expect(k3s.test(withControlPlane(healthySnapshot(), 'k3s', { nodes: [node('bootstrap', 'False')] })).detail).toBe('node not Ready: bootstrap (False)');
    expect(k3s.test(withControlPlane(healthySnapshot(), 'k3s', { nodes: [] })).detail).toBe('the k3s API answers, no node registered yet');
    expect(k3s.test(withControlPlane(healthySnapshot(), 'k3s', { reachable: false, message: 'connect ECONNREFUSED' }))).toEqual({ ok: false, detail: 'the k3s API does not answer: connect ECONNREFUSED' });
  });

  it('metal-stack: metal-api /v1/health healthy; unhealthy or not answering says why', () => {
    const metal = liveVerifies(ALL)['metal-stack'];
    expect(metal.test(withApi(healthySnapshot(), 'healthy'))).toEqual({ ok: true, detail: 'metal-api /v1/health: healthy (v0.40.0)' });
    expect(metal.test(withApi(healthySnapshot(), 'unhealthy', 'rethinkdb down')).detail).toBe('metal-api /v1/health: unhealthy: rethinkdb down');
    const down = withSource(healthySnapshot(), 'metal-api', { state: 'error', lastError: { at: 0, message: 'connect ECONNREFUSED 127.0.0.1:8080' } });
    expect(metal.test(down)).toEqual({ ok: false, detail: 'metal-api does not answer yet: connect ECONNREFUSED 127.0.0.1:8080' });
  });

  it('gardener and nested: every workload of the control plane ready', () => {
    const ready = { kind: 'Deployment' as const, namespace: 'garden', name: 'gardenlet', desired: 1, ready: 1, database: false };
    const gardener = liveVerifies(ALL).gardener;
    expect(gardener.test(withControlPlane(healthySnapshot(), 'initial-gardener', { workloads: [ready] })).ok).toBe(true);
    expect(gardener.test(withControlPlane(healthySnapshot(), 'initial-gardener', { workloads: [{ ...ready, ready: 0 }] })).detail).toMatch(/not ready: gardenlet 0\/1/);
    expect(gardener.test(withControlPlane(healthySnapshot(), 'initial-gardener', { workloads: [] })).detail).toMatch(/nothing deployed yet/);
    expect(liveVerifies(ALL).nested.test(healthySnapshot()).detail).toMatch(/nested-p1\/c1-metal-stack: no answer yet/);
  });

  it('backups: a first version of every configured database seen, the store outside the rack and versioned', () => {
    const r = liveVerifies(ALL).backups.test(healthySnapshot());
    expect(r.ok).toBe(true);
    expect(liveVerifies(ALL).backups.description).toMatch(/read from S3 \(metal-db\)/);
  });
});

describe('a real bootstrap step built from the config', () => {
  it('runs exactly the configured argv with its timeout, shows and journals it with secrets redacted, and is not repeated after a crash unless idempotent', () => {
    const argv = ['ansible-playbook', '-e', 'db_password=hunter2', '--token', 'abc', 'site.yaml'];
    const runbook = bootstrapRunbook({ target: 'real', commands: { k3s: argv }, settings: { k3s: { timeout: 60_000 }, gardener: { idempotent: true } }, live: { nested: [], backups: [], switches: [] } });
    const ctx = { snapshot: healthySnapshot(), runId: 'r', params: {} };
    const k3s = runbook.steps.find((s) => s.id === 'k3s')?.actions(ctx)[0];
    expect(k3s?.calls).toEqual([{ kind: 'command', argv, timeout: 60_000 }]);
    expect(k3s?.idempotent).toBe(false);
    expect(k3s?.description).toBe("run ansible-playbook -e 'db_password=***' --token '***' site.yaml");
    expect(callText(k3s?.calls[0] as RealCall)).toBe("$ ansible-playbook -e 'db_password=***' --token '***' site.yaml");
    expect(runbook.steps.find((s) => s.id === 'gardener')?.actions(ctx)[0]?.idempotent).toBeUndefined();
  });
});
