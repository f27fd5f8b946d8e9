import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/model/time';
import { SimRack } from '../../src/sim';
import { findResumable, Journal } from '../../src/wizards/engine/journal';
import { lockFile } from '../../src/wizards/engine/lock';
import { withDurableRun } from '../../src/wizards/engine/durable';
import { readSimRun, replayCompleted, simRunParams } from '../../src/wizards/sim-adapter/sim-replay';
import type { Effect } from '../../src/wizards/engine/types';
import { tmpState } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const rackOptions = { start: T0, seed: 7, scenario: 'rack-lost' } as const;
const record = { ...rackOptions, speed: 60, assessedAt: T0 + 10 * MINUTE };

/** A journal of a run that did `done` and was killed while `running` ran; each effect journaled as the runner does. */
function killedRun(dir: string, done: { step: string; id: string; effect: Effect; at: number }[], running?: { step: string; id: string; effect: Effect }) {
  const journal = Journal.create(dir, { runbookId: 'recover', rack: 'mini-rack', operator: 'op', startedAt: record.assessedAt, params: simRunParams(record) });
  journal.update((d) => {
    for (const a of done) {
      const step = journal.step(a.step, a.step);
      step.actions.push({ id: a.id, description: a.id, destructive: a.effect.op === 'clear-data', state: 'done', startedAt: a.at, endedAt: a.at, effect: a.effect as never });
    }
    if (running) journal.step(running.step, running.step).actions.push({ id: running.id, description: running.id, destructive: true, state: 'running', startedAt: T0 + 30 * MINUTE, effect: running.effect as never });
    d.updatedAt = T0 + 30 * MINUTE;
  });
  return journal;
}

describe('resuming a run on the simulated rack', () => {
  it('rebuilds the rack the killed run left: completed actions replayed at their times, the running one not', async () => {
    const original = new SimRack(rackOptions);
    const version = () => {
      original.advanceTo(T0 + 20 * MINUTE);
      // An old version: the restored size shows in every upload after the restore.
      return original.data().backups.find((b) => b.id === 'initial-metal-db')?.versions[15]?.versionId as string;
    };
    const v = version();
    const bootstrap = original.layout.bootstrapId;
    const done: { step: string; id: string; effect: Effect; at: number }[] = [
      { step: 'reprovision', id: 'reprovision', effect: { op: 'reprovision-bootstrap', id: bootstrap, snapshotsOf: 'k3s-etcd' }, at: T0 + 11 * MINUTE },
      { step: 'stop-initial', id: 'stop-initial-metal-db', effect: { op: 'stop-database', component: 'initial-metal-db' }, at: T0 + 20 * MINUTE },
      { step: 'stop-initial', id: 'wait', effect: { op: 'wait', ms: 5000 }, at: T0 + 21 * MINUTE },
      { step: 'restore-initial-metal-db', id: 'promote', effect: { op: 'promote-version', component: 'initial-metal-db', versionId: v }, at: T0 + 22 * MINUTE },
      { step: 'restore-initial-metal-db', id: 'clear-data', effect: { op: 'clear-data', component: 'initial-metal-db' }, at: T0 + 23 * MINUTE },
      { step: 'restore-initial-metal-db', id: 'start', effect: { op: 'start-database', component: 'initial-metal-db' }, at: T0 + 25 * MINUTE },
    ];
    const journal = killedRun(tmpState(), done, { step: 'restore-initial-ipam-db', id: 'clear-data', effect: { op: 'clear-data', component: 'initial-ipam-db' } });

    // What the killed process did to its rack, at the same times.
    const killed = new SimRack(rackOptions);
    killed.advanceTo(T0 + 11 * MINUTE);
    killed.setBackupsPaused('k3s-etcd', true);
    killed.powerOn([bootstrap]);
    killed.advanceTo(T0 + 20 * MINUTE);
    killed.stopDatabase('initial-metal-db');
    killed.advanceTo(T0 + 22 * MINUTE);
    killed.promoteVersion('initial-metal-db', v);
    killed.advanceTo(T0 + 23 * MINUTE);
    killed.clearData('initial-metal-db');
    killed.advanceTo(T0 + 25 * MINUTE);
    killed.startDatabase('initial-metal-db');
    killed.advanceTo(T0 + 120 * MINUTE);

    const rebuilt = new SimRack(rackOptions);
    expect(await replayCompleted(journal, rebuilt)).toBe(6);
    rebuilt.advanceTo(T0 + 120 * MINUTE);
    expect(rebuilt.data()).toEqual(killed.data());
    expect(rebuilt.data().backups.find((b) => b.id === 'k3s-etcd')?.paused).toBe(true);
  });

  it('reads back what rebuilds the rack, and refuses a journal without it (hinting --fresh)', () => {
    const dir = tmpState();
    const journal = killedRun(dir, []);
    expect(readSimRun(journal)).toEqual(record);
    const bare = Journal.create(dir, { runbookId: 'recover', rack: 'mini-rack', operator: 'op', startedAt: T0 });
    expect(() => readSimRun(bare)).toThrow(/cannot resume run .*does not record the simulated rack/);
  });

  it('refuses to replay a completed action whose effect was never journaled', async () => {
    const journal = killedRun(tmpState(), []);
    journal.update(() => {
      journal.step('fence', 'Fence').actions.push({ id: 'pause-x', description: 'pause x', destructive: false, state: 'done', endedAt: T0 });
    });
    await expect(replayCompleted(journal, new SimRack(rackOptions))).rejects.toThrow(/does not record what "pause x" did/);
  });

  it('takes over a stale lock and says so; offers the unfinished run; --fresh sets it aside (in the audit log too)', async () => {
    const state = tmpState();
    const runs = join(state, 'runs');
    const old = killedRun(runs, []);
    const lock = lockFile(state, 'mini-rack');
    mkdirSync(dirname(lock), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), operator: 'op', runId: old.data.runId, since: 'then' }));
    const printed: string[] = [];
    const offered: string[] = [];
    const base = { stateDir: state, rack: 'mini-rack', runbookId: 'recover', operator: 'me', print: (l: string) => void printed.push(l) };
    const offerResume = async (run: { runId: string }) => {
      offered.push(run.runId);
      return 'resume' as const;
    };

    const resumed = await withDurableRun({ ...base, fresh: false, offerResume }, async (d) => d.resume?.data.runId);
    expect(resumed).toBe(old.data.runId);
    // Never taken over silently: the operator was asked.
    expect(offered).toEqual([old.data.runId]);
    expect(printed.join('\n')).toMatch(new RegExp(`took over the stale lock of op \\(pid ${dead} .*run ${old.data.runId}`));

    const fresh = await withDurableRun({ ...base, fresh: true, offerResume }, async (d) => ({ resume: d.resume, runId: d.runId }));
    expect(fresh.resume).toBeUndefined();
    expect(fresh.runId).not.toBe(old.data.runId);
    expect(findResumable(runs, 'mini-rack', 'recover')).toBeUndefined();
    expect(Journal.load(old.file as string).data).toMatchObject({ state: 'aborted', error: expect.stringMatching(/set aside/) });
    const audit = readFileSync(join(state, 'audit.log'), 'utf8');
    expect(audit).toMatch(/"event":"lock".*"outcome":"taken-over"/);
    expect(audit).toMatch(new RegExp(`"runId":"${old.data.runId}","event":"run-end","outcome":"abandoned"`));
  });
});
