// The injection a real drill of empty-backup-after-restart runs: stop, delete the PVC, start; then wait for the judge.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { MINUTE } from '../../src/model/time';
import { drillTarget, injectEmptyBackupRunbook } from '../../src/wizards/drill/real-inject';
import { callText } from '../../src/wizards/engine/calls';
import { openSimRack } from '../../src/wizards/sim-adapter/rack-handle';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const snapshotOf = (scenario?: 'empty-backup-after-restart') =>
  openSimRack({ clock: new VirtualClock(T0), rackName: 'test', seed: 7, ...(scenario ? { scenario, lead: 10 * MINUTE } : {}) }).snapshot();

describe('injectEmptyBackupRunbook', () => {
  it('targets a backup-restore-sidecar database with a good version, and stops it, deletes its PVC and starts it, in one destructive step', () => {
    const snapshot = snapshotOf();
    const target = drillTarget(snapshot);
    expect(target?.tool).toBe('backup-restore-sidecar');
    if (!target) return;
    const rb = injectEmptyBackupRunbook(target, 'test');
    expect(rb.steps).toHaveLength(1);
    const step = rb.steps[0];
    expect(step?.destructive).toBe(true);
    const ctx = { snapshot, runId: 'r1', params: {} };
    expect(step?.preconditions.every((c) => c.test(ctx).ok)).toBe(true);
    const calls = (step?.actions(ctx) ?? []).flatMap((a) => a.calls.map(callText));
    expect(calls.join('\n')).toMatch(/scale.*--replicas=0[\s\S]*wait[\s\S]*delete persistentvolumeclaim[\s\S]*scale.*--replicas=1/);
    expect(step?.verify?.test(ctx).ok).toBe(false);
  });

  it('is confirmed by typing "destroy <component> on <rack>", shown with exactly what it does and the version the recovery will propose', () => {
    const snapshot = snapshotOf();
    const target = drillTarget(snapshot);
    if (!target) throw new Error('no target');
    const request = injectEmptyBackupRunbook(target, 'lab-rack', { context: (c) => (c === 'k3s' ? 'admin@lab' : c) }).steps[0]?.typed?.({ snapshot, runId: 'r1', params: {} });
    expect(request?.text).toBe(`destroy ${target.id} on lab-rack`);
    const what = request?.what.join('\n') ?? '';
    expect(what).toContain('On rack lab-rack (REAL, not simulated)');
    // The context the config maps the cluster to, as the calls name it.
    expect(what).toContain(`2. DELETE its data volume, PVC ${target.name}-${target.name}-0 in metal-control-plane (context admin@lab)`);
    const proposal = snapshot.backupVerdicts.get(target.id)?.proposal?.version.versionId ?? 'none';
    expect(what).toContain(`the judge proposes now, ${proposal} of `);
  });

  it('its verify passes once the judge flags the size drop', () => {
    const healthy = drillTarget(snapshotOf());
    const broken = snapshotOf('empty-backup-after-restart');
    if (!healthy) throw new Error('no target');
    const step = injectEmptyBackupRunbook(healthy, 'test').steps[0];
    expect(broken.backupVerdicts.get(healthy.id)?.sizeDrop).toBeDefined();
    expect(step?.verify?.test({ snapshot: broken, runId: 'r1', params: {} }).ok).toBe(true);
  });
});
