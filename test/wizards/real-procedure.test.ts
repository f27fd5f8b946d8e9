import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { MINUTE } from '../../src/model/time';
import type { RealCall, StepContext, VersionChoice } from '../../src/wizards/engine/types';
import { callText } from '../../src/wizards/engine/calls';
import { RECOVERY_SCENARIOS, type RecoveryScenario, recoverRunbook } from '../../src/wizards/runbooks/recover';
import { openSimRack } from '../../src/wizards/sim-adapter/rack-handle';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

interface PlannedCall {
  readonly step: string;
  readonly action: string;
  readonly call: RealCall;
}

/**
 * Every call a real executor would make for a scenario, in order: each restore step choosing an older version than
 * the newest (so every part of a procedure shows, e.g. the promote of the sidecar's version).
 */
function plan(scenario: RecoveryScenario): PlannedCall[] {
  const rack = openSimRack({ clock: new VirtualClock(T0), rackName: 'test', seed: 7, scenario, lead: 10 * MINUTE });
  const snapshot = rack.snapshot();
  const rb = recoverRunbook(scenario, snapshot);
  const out: PlannedCall[] = [];
  for (const step of rb.steps) {
    const c = step.question ? snapshot.backups.find((b) => b.id === step.question?.componentId) : undefined;
    const v = c?.versions[1] ?? c?.versions[0];
    const choice: VersionChoice | undefined = c && v ? { componentId: c.id, versionId: v.versionId, name: v.versionId, versionTime: v.time, size: v.size, flags: [], newestSeen: 'newest-seen' } : undefined;
    const ctx: StepContext = { snapshot, runId: 'run1', params: {}, ...(choice ? { choice } : {}) };
    for (const action of step.actions(ctx)) for (const call of action.calls) out.push({ step: step.id, action: action.id, call });
  }
  return out;
}

const kube = (p: PlannedCall) => (p.call.kind === 'kube' ? p.call : undefined);
const indexOf = (calls: readonly PlannedCall[], match: (p: PlannedCall) => boolean) => calls.findIndex(match);
const text = (p: PlannedCall) => callText(p.call);

describe.each(RECOVERY_SCENARIOS)('the real procedure of %s', (scenario) => {
  const calls = plan(scenario);

  it('never runs a command inside a pod and never waits for a pod its StatefulSet has scaled to 0', () => {
    expect(calls.some((p) => /\bexec\b/.test(text(p)))).toBe(false);
    const replicas = new Map<string, number>();
    for (const p of calls) {
      const k = kube(p);
      if (!k) continue;
      const sts = `${k.context}/${k.namespace}/${k.resource === 'pod' ? k.name.replace(/-0$/, '') : k.name}`;
      if (k.verb === 'scale') replicas.set(sts, Number(k.args?.replicas));
      if (k.verb === 'wait' && k.resource === 'pod' && k.args?.for === 'condition=Ready') expect(replicas.get(sts), `${text(p)} while scaled to 0`).toBe(1);
      if (k.verb === 'wait' && k.resource === 'pod' && k.args?.for === 'delete') expect(replicas.get(sts)).toBe(0);
      // Deleting the data directory of a running database would pull it from under the database.
      if (k.verb === 'delete') {
        const owner = [...replicas.keys()].find((key) => key.startsWith(`${k.context}/${k.namespace}/`) && k.name.endsWith(`${key.split('/')[2]}-0`));
        expect(owner, `${text(p)}: whose data?`).toBeDefined();
        expect(replicas.get(owner ?? ''), `${text(p)} while running`).toBe(0);
      }
    }
  });

  it('restores each database in order: stopped, the chosen version made the newest, data cleared, started, ready', () => {
    for (const restore of new Set(calls.filter((p) => p.step.startsWith('restore-') && !p.step.endsWith('k3s-etcd')).map((p) => p.step))) {
      const name = (kube(calls.find((p) => p.step === restore && kube(p)?.verb === 'scale') as PlannedCall)?.name ?? '') as string;
      const at = (match: (p: PlannedCall) => boolean) => indexOf(calls, match);
      const stop = at((p) => kube(p)?.verb === 'scale' && kube(p)?.name === name && kube(p)?.args?.replicas === 0);
      const promote = at((p) => p.step === restore && p.call.kind === 's3' && (p.call.op === 'copy-version' || p.call.op === 'copy-object'));
      const clear = at((p) => p.step === restore && kube(p)?.verb === 'delete');
      const start = at((p) => p.step === restore && kube(p)?.verb === 'scale' && kube(p)?.args?.replicas === 1);
      const ready = at((p) => p.step === restore && kube(p)?.verb === 'wait' && kube(p)?.args?.for === 'condition=Ready');
      expect(stop, `${restore}: stopped before`).toBeGreaterThanOrEqual(0);
      expect(stop).toBeLessThan(promote);
      expect(promote).toBeLessThan(clear);
      expect(clear).toBeLessThan(start);
      expect(start).toBeLessThan(ready);
    }
  });

  it("re-reads a sidecar's versions live right before the promote and right before its data is cleared, against the newest seen at the choice", () => {
    for (const restore of new Set(calls.filter((p) => p.step.startsWith('restore-') && p.action === 'promote').map((p) => p.step))) {
      const mine = calls.filter((p) => p.step === restore);
      const first = (action: string) => mine.find((p) => p.action === action)?.call;
      for (const action of ['promote', 'clear-data']) {
        expect(first(action), `${restore} ${action}`).toMatchObject({ kind: 's3', op: 'check-versions', newestSeen: 'newest-seen' });
      }
    }
  });

  it('touches a cluster only once it is there: k3s after its snapshot is restored, shoots after metal-api answers', () => {
    const k3sRestored = indexOf(calls, (p) => /--cluster-reset/.test(text(p)));
    const metalApi = indexOf(calls, (p) => p.call.kind === 'http' && p.call.service === 'metal-api');
    for (const [i, p] of calls.entries()) {
      const k = kube(p);
      if (k?.context === 'k3s' && k.namespace === 'metal-control-plane' && k3sRestored >= 0) expect(i, text(p)).toBeGreaterThan(k3sRestored);
      if (k?.context.startsWith('shoot--') && metalApi >= 0) expect(i, text(p)).toBeGreaterThan(metalApi);
    }
  });

  it('powers no machine on before metal-api answers (metal-hammer asks it what to do)', () => {
    const powerOn = calls.filter((p) => p.step === 'power-on');
    if (scenario === 'rack-lost') {
      const metalApi = indexOf(calls, (p) => p.call.kind === 'http' && p.call.service === 'metal-api');
      expect(metalApi).toBeGreaterThanOrEqual(0);
      expect(powerOn.length).toBeGreaterThan(0);
      for (const p of powerOn) expect(calls.indexOf(p)).toBeGreaterThan(metalApi);
    }
    // The mini-rack's machines have no BMC: a person presses the button.
    for (const p of powerOn) expect(text(p)).toMatch(/^by hand: press the power button of |metalctl machine power on /);
  });

  it('restores k3s by snapshot name with the endpoint given and the credentials from k3s config, never on the command line', () => {
    const reset = calls.find((p) => /--cluster-reset/.test(text(p)));
    if (scenario !== 'k3s-lost' && scenario !== 'rack-lost') return expect(reset).toBeUndefined();
    const t = reset ? text(reset) : '';
    expect(t).toMatch(/--cluster-reset-restore-path=etcd-snapshot-bootstrap-\d+/);
    expect(t).toMatch(/--etcd-s3-endpoint=objects\.external\.example/);
    expect(t).toMatch(/--etcd-s3-bucket=mini-rack-backups --etcd-s3-folder=k3s-etcd/);
    expect(t).not.toMatch(/access-key|secret-key|AWS_/);
    const order = ['systemctl stop k3s', '--cluster-reset', 'systemctl start k3s'].map((s) => indexOf(calls, (p) => text(p).includes(s)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
