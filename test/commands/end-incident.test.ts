// A recovery run that succeeded ends the incident (the TUI's w → recover and recover on a real rack share this).
import { describe, expect, it } from 'vitest';
import { endIncidentAfterRecovery } from '../../commands/wizard/end-incident';
import { VirtualClock } from '../../src/clock';
import { type IncidentLog, memoryIncidentLog } from '../../src/model/incident-log';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

async function rack(log: IncidentLog | undefined, scenario: 'empty-backup-after-restart' | 'machine-reboot') {
  const clock = new VirtualClock(T0);
  const store = new RackStore({ clock, sources: [createSimSource({ clock, scenario })], rack: { name: 'mini-rack', simulated: true }, ...(log ? { incidentLog: log } : {}) });
  store.start();
  await clock.advance(15 * 60_000);
  return store;
}

const done = { state: 'done' as const, dryRun: false, runId: 'run-1' };

describe('a recovery ends the incident', () => {
  it('done on a rack without critical findings: the incident is over, and the summary says so', async () => {
    const log = memoryIncidentLog();
    const store = await rack(log, 'machine-reboot');
    expect(store.getSnapshot().incident?.label).toBe('machine-reboot');
    expect(endIncidentAfterRecovery(store, done)).toBe('The incident machine-reboot is over: the recovery succeeded.');
    expect(store.getSnapshot().incident).toBeUndefined();
    expect(log.ended('mini-rack', { label: 'machine-reboot', startedAt: T0 })).toMatchObject({ how: 'recovered', by: 'run run-1' });
    await store.stop();
  });

  it('not while a critical finding is left, not after a dry run or a cancelled run', async () => {
    const store = await rack(memoryIncidentLog(), 'empty-backup-after-restart');
    expect(store.getSnapshot().findings.some((f) => f.severity === 'critical')).toBe(true);
    expect(endIncidentAfterRecovery(store, done)).toBeUndefined();
    const healthy = { findings: [] };
    expect(endIncidentAfterRecovery(store, { ...done, dryRun: true }, healthy)).toBeUndefined();
    expect(endIncidentAfterRecovery(store, { ...done, state: 'cancelled' }, healthy)).toBeUndefined();
    expect(store.getSnapshot().incident).toBeDefined();
    expect(endIncidentAfterRecovery(store, done, healthy)).toMatch(/is over/);
    await store.stop();
  });

  it('a log that cannot be written is said, not thrown', async () => {
    const broken: IncidentLog = {
      ended: () => undefined,
      end: () => {
        throw new Error('cannot write /state/incidents.json: the file system is read-only');
      },
    };
    const store = await rack(broken, 'machine-reboot');
    expect(endIncidentAfterRecovery(store, done)).toBe('The incident machine-reboot could not be ended: cannot write /state/incidents.json: the file system is read-only (A in the TUI ends it).');
    await store.stop();
  });
});
