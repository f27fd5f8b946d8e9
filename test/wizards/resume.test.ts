import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionState, JournalData } from '../../src/wizards/engine/journal';
import { findResumable } from '../../src/wizards/engine/journal';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';
import { newestVersion, tmpState } from './helpers';
import { setup } from './setup';

const VERSION = newestVersion(healthySnapshot());

/** The journal file exactly as a run killed in the middle of the restore step leaves it. */
function crashedRun(dir: string, restoreActions: Record<'download' | 'restore' | 'note', ActionState>): string {
  const action = (id: 'download' | 'restore' | 'note', description: string, destructive: boolean) => ({
    id,
    description,
    destructive,
    state: restoreActions[id],
    ...(restoreActions[id] !== 'pending' ? { startedAt: T0 + 60_000 } : {}),
    ...(restoreActions[id] === 'done' ? { endedAt: T0 + 61_000 } : {}),
  });
  const data: JournalData = {
    format: 2,
    runId: '20261125T030000-000Z-abcdef',
    runbookId: 'tiny-restore',
    rack: 'mini-rack',
    operator: 'ops@laptop',
    params: {},
    dryRun: false,
    startedAt: T0 - 120_000,
    updatedAt: T0 + 61_000,
    state: 'running',
    operatorMs: 0,
    choices: { restore: { componentId: 'metal-db', versionId: VERSION, name: VERSION, versionTime: T0 - 60_000, size: 18_000_000, proposed: VERSION, flags: [] } },
    steps: [
      { id: 'fence', title: 'Pause backups', state: 'done', startedAt: T0 - 120_000, endedAt: T0 - 110_000, actions: [{ id: 'pause', description: 'pause metal-db backups', destructive: false, state: 'done', effect: { op: 'stop-database', component: 'metal-db' } }] },
      {
        id: 'restore',
        title: 'Restore metal-db',
        state: 'running',
        startedAt: T0 - 100_000,
        actions: [action('download', 'download the version', false), action('restore', `restore metal-db ${VERSION}`, true), action('note', 'note the restore', false)],
      },
      { id: 'resume', title: 'Resume backups', state: 'pending', actions: [] },
    ],
  };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${data.runId}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

function resume(dir: string, script: Parameters<typeof setup>[1] = {}) {
  const journal = findResumable(dir, 'mini-rack', 'tiny-restore');
  if (!journal) throw new Error('nothing to resume');
  return setup({ journal }, script);
}

describe('resuming after a crash', () => {
  it('continues in the middle of the step and never repeats the restore that had finished', async () => {
    const dir = tmpState();
    const file = crashedRun(dir, { download: 'done', restore: 'done', note: 'running' });
    const { run, executor, log, events } = resume(dir);
    const result = await run();
    expect(result.state).toBe('done');
    expect(result.resumed).toBe(true);
    // The harmless note was interrupted and runs again; pause, download and the restore do not.
    expect(executor.ran).toEqual(['note', 'resume']);
    expect(log.asked).toEqual([]);
    expect(log.failures).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'run-start', resumed: true });
    expect(events[1]).toMatchObject({ type: 'step-end', stepId: 'fence', state: 'done' });
    // The original start counts, so a drill's RTO includes the time lost to the crash.
    expect(result.startedAt).toBe(T0 - 120_000);
    expect(result.steps[1]?.startedAt).toBe(T0 - 100_000);
    expect(JSON.parse(readFileSync(file, 'utf8')).state).toBe('done');
  });

  it('asks before re-running a restore that was interrupted while running, and aborting runs nothing', async () => {
    const dir = tmpState();
    crashedRun(dir, { download: 'done', restore: 'running', note: 'pending' });
    const { run, executor, log } = resume(dir, { decisions: ['abort'] });
    const result = await run();
    expect(log.failures).toEqual([`interrupted while running: restore metal-db ${VERSION}; check its effect before retrying`]);
    expect(executor.ran).toEqual([]);
    expect(result.state).toBe('aborted');
  });

  it('re-runs the interrupted restore once if the operator retries, then carries on', async () => {
    const dir = tmpState();
    crashedRun(dir, { download: 'done', restore: 'running', note: 'pending' });
    const { run, executor } = resume(dir, { decisions: ['retry'] });
    const result = await run();
    expect(executor.ran).toEqual(['restore', 'note', 'resume']);
    expect(result.state).toBe('done');
  });

  it('re-runs a harmless action interrupted while running without asking', async () => {
    const dir = tmpState();
    crashedRun(dir, { download: 'running', restore: 'pending', note: 'pending' });
    const { run, executor, log } = resume(dir);
    await run();
    expect(log.failures).toEqual([]);
    expect(executor.ran).toEqual(['download', 'restore', 'note', 'resume']);
  });

  it('an aborted run is not offered for resuming', async () => {
    const dir = tmpState();
    crashedRun(dir, { download: 'done', restore: 'running', note: 'pending' });
    await resume(dir, { decisions: ['abort'] }).run();
    expect(findResumable(dir, 'mini-rack', 'tiny-restore')).toBeUndefined();
  });
});
