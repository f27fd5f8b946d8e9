import { describe, expect, it } from 'vitest';
import type { Action, Runbook } from '../../src/wizards/engine/types';
import { T0 } from '../fixtures/snapshot-builder';
import { tinyRestore } from './helpers';
import { setup } from './setup';

describe('running a runbook', () => {
  it('runs the steps in order, each action once after the operator confirmed the step, and ends done', async () => {
    const { run, executor, log, events } = setup();
    const result = await run();
    expect(result.state).toBe('done');
    expect(executor.ran).toEqual(['pause', 'download', 'restore', 'note', 'resume']);
    expect(log.confirmed).toEqual(['fence', 'restore', 'resume']);
    expect(result.steps.map((s) => [s.id, s.state])).toEqual([
      ['fence', 'done'],
      ['restore', 'done'],
      ['resume', 'done'],
    ]);
    expect(events[0]).toMatchObject({ type: 'run-start', resumed: false });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', state: 'done' });
    expect(events.filter((e) => e.type === 'output').map((e) => e.type === 'output' && e.line)).toContain('running restore');
  });

  it('times every step and action on the run clock, so a drill can compute its RTO', async () => {
    const { run } = setup();
    const result = await run();
    const restore = result.steps[1];
    expect(result.startedAt).toBe(T0);
    // download and note each take 1 s of clock time in the fake executor.
    expect(restore?.endedAt && restore.startedAt !== undefined ? restore.endedAt - restore.startedAt : -1).toBeGreaterThanOrEqual(2000);
    expect(restore?.actions.map((a) => a.state)).toEqual(['done', 'done', 'done']);
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(2000);
  });

  it('offers every version as judged with the newest good one proposed, and journals the choice', async () => {
    const { run, log } = setup();
    const result = await run();
    const offer = log.offers['metal-db'];
    expect(offer?.verdict.versions.length).toBeGreaterThan(3);
    expect(offer?.verdict.proposal?.version.versionId).toBe(offer?.verdict.versions[0]?.version.versionId);
    expect(result.choices.restore?.versionId).toBe(offer?.verdict.proposal?.version.versionId);
  });
});

describe('preconditions', () => {
  it('a failing precondition blocks the step: nothing runs until a retry finds it passing', async () => {
    let reachable = false;
    const { run, executor, log } = setup(
      { runbook: tinyRestore({ fenceOk: () => reachable }) },
      {
        decisions: [
          'retry',
          () => {
            reachable = true;
            return 'retry';
          },
        ],
      },
    );
    const result = await run();
    expect(log.failures).toEqual([
      'precondition failed: backup store reachable: store unreachable',
      'precondition failed: backup store reachable: store unreachable',
    ]);
    expect(executor.ran[0]).toBe('pause');
    expect(result.state).toBe('done');
  });

  it('skipping a step whose precondition fails runs none of its actions and goes on', async () => {
    const { run, executor } = setup({ runbook: tinyRestore({ fenceOk: () => false }) }, { decisions: ['skip'] });
    const result = await run();
    expect(executor.ran).not.toContain('pause');
    expect(executor.ran).toContain('restore');
    expect(result.steps[0]?.state).toBe('skipped');
    expect(result.state).toBe('done');
  });

  it('aborting on a failing precondition ends the run as aborted with nothing run', async () => {
    const { run, executor } = setup({ runbook: tinyRestore({ fenceOk: () => false }) }, { decisions: ['abort'] });
    const result = await run();
    expect(result.state).toBe('aborted');
    expect(executor.ran).toEqual([]);
    expect(result.steps.map((s) => s.state)).toEqual(['failed', 'pending', 'pending']);
  });
});

describe('failed actions', () => {
  it('retry re-runs only the failed action, never the ones already done', async () => {
    const { run, executor, log } = setup({}, { decisions: ['retry'] });
    executor.failTimes.set('restore', 1);
    const result = await run();
    expect(log.failures).toEqual([expect.stringMatching(/^restore metal-db .*: restore broke$/)]);
    expect(executor.ran).toEqual(['pause', 'download', 'restore', 'restore', 'note', 'resume']);
    expect(result.state).toBe('done');
  });

  it('skip leaves the step skipped and moves on to the next step', async () => {
    const { run, executor } = setup({}, { decisions: ['skip'] });
    executor.failTimes.set('download', 1);
    const result = await run();
    expect(executor.ran).toEqual(['pause', 'download', 'resume']);
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'skipped', 'done']);
    expect(result.steps[1]?.actions.map((a) => a.state)).toEqual(['failed', 'pending', 'pending']);
  });

  it('abort ends the run as aborted and runs no later step', async () => {
    const { run, executor } = setup({}, { decisions: ['abort'] });
    executor.failTimes.set('download', 1);
    const result = await run();
    expect(result.state).toBe('aborted');
    expect(executor.ran).toEqual(['pause', 'download']);
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
  });

  it('an executor that throws is a failed action, not a crashed run', async () => {
    const { run, executor, log } = setup({}, { decisions: ['retry'] });
    let thrown = false;
    executor.onRun = (a) => {
      if (a.id === 'note' && !thrown) {
        thrown = true;
        throw new Error('socket closed');
      }
    };
    const result = await run();
    expect(log.failures).toEqual(['note the restore: socket closed']);
    expect(result.state).toBe('done');
  });

  it('aborting at the step confirmation ends the run aborted with that step still pending', async () => {
    const { run, executor } = setup({}, { confirm: { restore: 'abort' } });
    const result = await run();
    expect(result.state).toBe('aborted');
    expect(executor.ran).toEqual(['pause']);
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'pending', 'pending']);
  });
});

describe('verify', () => {
  it('is polled on the run clock until it passes', async () => {
    const { run, events } = setup({ runbook: tinyRestore({ verifyOk: (now) => now >= T0 + 6000 }) });
    const result = await run();
    expect(result.state).toBe('done');
    const polls = events.filter((e) => e.type === 'verify');
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.at(-1)).toMatchObject({ result: { ok: true } });
  });

  it('one that never passes goes to the operator after its timeout; retry polls again without re-running actions', async () => {
    let ok = false;
    const { run, executor, log } = setup(
      { runbook: tinyRestore({ verifyOk: () => ok, verifyTimeout: 5000 }) },
      {
        decisions: [
          () => {
            ok = true;
            return 'retry';
          },
        ],
      },
    );
    const result = await run();
    expect(log.failures).toEqual(['not verified after 5 s: metal-db answers: metal-db not answering yet']);
    expect(executor.ran.filter((id) => id === 'restore')).toHaveLength(1);
    expect(result.state).toBe('done');
  });
});

describe('what a run leaves changed', () => {
  const act = (id: string, effect: Action['effect'], undo?: string): Action => ({
    id,
    description: id,
    effect,
    calls: [],
    destructive: false,
    ...(undo ? { undo: { what: undo, calls: [{ kind: 'command', argv: ['undo', id] }] } } : {}),
  });
  const runbook = (actions: Action[]): Runbook => ({
    id: 'changes',
    title: 'changes',
    description: '',
    steps: [{ id: 'only', title: 'only', explanation: '', destructive: false, preconditions: [], actions: () => actions }],
  });

  it('names what no later action took back, and only that', async () => {
    const { run } = setup({
      runbook: runbook([
        act('reinstall', { op: 'reprovision-bootstrap', id: 'bootstrap', snapshotsOf: 'k3s-etcd' }, 'k3s snapshots OFF'),
        act('stop-a', { op: 'stop-database', component: 'a' }, 'a STOPPED'),
        act('stop-b', { op: 'stop-database', component: 'b' }, 'b STOPPED'),
        act('pause-c', { op: 'pause-backups', component: 'c' }, 'c PAUSED'),
        act('start-a', { op: 'start-database', component: 'a' }),
        act('resume-k3s', { op: 'resume-backups', component: 'k3s-etcd' }),
        act('resume-b', { op: 'resume-backups', component: 'b' }),
      ]),
    });
    const result = await run();
    expect(result.state).toBe('done');
    // a was started again, k3s snapshots resumed; resuming b's backups does not start its stopped database.
    expect(result.stillChanged.map((c) => c.what)).toEqual(['b STOPPED', 'c PAUSED']);
  });
});
