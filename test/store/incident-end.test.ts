// An incident ends when its recovery succeeded or the operator acknowledged it; the end is remembered.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { type IncidentLog, memoryIncidentLog } from '../../src/model/incident-log';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';
import { readIncidentEntries } from '../../src/wizards/engine/incident-entries';
import { fileIncidentLog, incidentFile, openIncidentLog, recoveryEndsIncident } from '../../src/wizards/engine/incident-file';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const rules = (s: RackStore) => s.getSnapshot().findings.map((f) => f.rule);
const READ = { read: readIncidentEntries };

/** The simulated rack 15 minutes into empty-backup-after-restart, with the given log of ended incidents. */
async function rackIn(log: IncidentLog) {
  const clock = new VirtualClock(T0);
  const sim = createSimSource({ clock, scenario: 'empty-backup-after-restart' });
  const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true }, incidentLog: log });
  store.start();
  await clock.advance(15 * 60_000);
  return { store, clock };
}

describe('ending an incident', () => {
  it('acknowledged, the snapshot has no incident, even after a refresh; backups are no longer judged against it, the size drop still is', async () => {
    const log = memoryIncidentLog();
    const { store, clock } = await rackIn(log);
    expect(store.getSnapshot().incident?.label).toBe('empty-backup-after-restart');
    expect(rules(store)).toContain('backup-after-incident');
    expect(store.endIncident({ how: 'acknowledged', by: 'ops@jump' })).toBe(true);
    expect(store.getSnapshot().incident).toBeUndefined();
    expect(rules(store)).not.toContain('backup-after-incident');
    expect(rules(store)).toContain('backup-size-drop');
    store.refresh();
    await clock.advance(10_000);
    expect(store.getSnapshot().incident).toBeUndefined();
    expect(store.endIncident({ how: 'acknowledged', by: 'ops@jump' })).toBe(false);
    await store.stop();
  });

  it('a store without a log cannot end one', async () => {
    const clock = new VirtualClock(T0);
    const store = new RackStore({ clock, sources: [createSimSource({ clock, scenario: 'k3s-lost' })], rack: { name: 'mini-rack', simulated: true } });
    store.start();
    await clock.advance(1000);
    expect(store.endIncident({ how: 'acknowledged', by: 'x' })).toBe(false);
    expect(store.getSnapshot().incident?.label).toBe('k3s-lost');
    await store.stop();
  });

  it('the state directory remembers it for the next process (status), per rack, label and start; a damaged file ends nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-incidents-'));
    const incident = { label: 'declared incident', startedAt: T0 };
    fileIncidentLog(dir, READ).end('mini-rack', incident, { how: 'acknowledged', by: 'ops@jump', at: T0 + 1 });
    const next = fileIncidentLog(dir, READ);
    expect(next.ended('mini-rack', incident)).toEqual({ how: 'acknowledged', by: 'ops@jump', at: T0 + 1 });
    expect(next.ended('other-rack', incident)).toBeUndefined();
    expect(next.ended('mini-rack', { ...incident, startedAt: T0 + 60_000 })).toBeUndefined();
    writeFileSync(incidentFile(dir), '{"ended": [{"rack": 1}]');
    expect(fileIncidentLog(dir, READ).ended('mini-rack', incident)).toBeUndefined();
    expect(fileIncidentLog(join(dir, 'missing'), READ).ended('mini-rack', incident)).toBeUndefined();
  });

  it('a log opened without a file reads one written later once its reader is in; ending meanwhile asks to try again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-incidents-'));
    const incident = { label: 'declared incident', startedAt: T0 };
    const log = openIncidentLog(dir);
    expect(log.ended('mini-rack', incident)).toBeUndefined();
    // Another process acknowledges it.
    fileIncidentLog(dir, READ).end('mini-rack', incident, { how: 'acknowledged', by: 'ops@jump', at: T0 + 1 });
    expect(log.ended('mini-rack', incident)).toBeUndefined();
    expect(() => log.end('mini-rack', { ...incident, label: 'k3s-lost' }, { how: 'acknowledged', by: 'me', at: T0 + 2 })).toThrow(/still being read; try again/);
    await expect.poll(() => log.ended('mini-rack', incident)).toEqual({ how: 'acknowledged', by: 'ops@jump', at: T0 + 1 });
    log.end('mini-rack', { ...incident, label: 'k3s-lost' }, { how: 'acknowledged', by: 'me', at: T0 + 2 });
    // Both ends are kept: the second did not write over the first.
    const again = openIncidentLog(dir);
    await again.ready;
    expect(again.ended('mini-rack', incident)?.by).toBe('ops@jump');
    expect(again.ended('mini-rack', { ...incident, label: 'k3s-lost' })?.by).toBe('me');
  });

  it('a file there at the start is read in the background, and no snapshot shows the incident it ended, not even before the reader is in', async () => {
    const first = await rackIn(memoryIncidentLog());
    const incident = first.store.getSnapshot().incident;
    await first.store.stop();
    if (!incident) throw new Error('the scenario reports no incident');
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-incidents-'));
    fileIncidentLog(dir, READ).end('mini-rack', incident, { how: 'acknowledged', by: 'ops@jump', at: T0 + 1 });

    const log = openIncidentLog(dir);
    expect(log.ready).toBeInstanceOf(Promise);
    const clock = new VirtualClock(T0);
    const sim = createSimSource({ clock, scenario: 'empty-backup-after-restart' });
    const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true }, incidentLog: log });
    const shown: (string | undefined)[] = [];
    store.subscribe(() => shown.push(store.getSnapshot().incident?.label));
    store.start();
    await clock.advance(15 * 60_000);
    await store.whenSettled();
    expect(store.getSnapshot().machines.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((label) => label === undefined)).toBe(true);
    expect(store.endIncident({ how: 'acknowledged', by: 'ops@jump' })).toBe(false);
    await store.stop();
    // Without a file there is nothing to wait for.
    expect(openIncidentLog(join(dir, 'missing')).ready).toBeUndefined();
  });

  it('a recovery ends it only when it ran for real, finished every step and left no critical finding', () => {
    const healthy = { findings: [{ severity: 'warning' as const }] } as never;
    const critical = { findings: [{ severity: 'critical' as const }] } as never;
    expect(recoveryEndsIncident({ state: 'done', dryRun: false }, healthy)).toBe(true);
    expect(recoveryEndsIncident({ state: 'done', dryRun: true }, healthy)).toBe(false);
    expect(recoveryEndsIncident({ state: 'cancelled', dryRun: false }, healthy)).toBe(false);
    expect(recoveryEndsIncident({ state: 'done', dryRun: false }, critical)).toBe(false);
  });
});
