import { describe, expect, it } from 'vitest';
import { notStartedExitCode, runExitCode } from '../../commands/wizard/exit-codes';
import { StateDirError } from '../../src/wizards/engine/state-files';
import { NotStarted } from '../../src/wizards/engine/durable';

function side(sig?: 'SIGINT' | 'SIGTERM' | 'SIGHUP') {
  const controller = new AbortController();
  if (sig) controller.abort();
  const finished: string[][] = [];
  return { signal: controller.signal, interruptedBy: () => sig, finish: async (l: readonly string[]) => void finished.push([...l]), finished };
}

describe('the exit code of a wizard command (recover, bootstrap and drill alike)', () => {
  it('is the documented code of how the run ended', () => {
    expect(runExitCode(side(), { state: 'done', healthy: true })).toBe(0);
    expect(runExitCode(side(), { state: 'done', healthy: false })).toBe(2);
    expect(runExitCode(side(), { state: 'failed', healthy: true })).toBe(2);
    expect(runExitCode(side(), { state: 'aborted', healthy: true })).toBe(1);
    expect(runExitCode(side(), { state: 'cancelled', healthy: true })).toBe(1);
  });

  it('is 74 when the state directory filled up during the run, and a signal code before anything else', () => {
    const full = new StateDirError('/state/runs/x.json', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
    expect(runExitCode(side(), { state: 'failed', healthy: false, error: full })).toBe(74);
    expect(runExitCode(side('SIGHUP'), { state: 'aborted', healthy: false, error: full })).toBe(129);
    expect(runExitCode(side('SIGTERM'), { state: 'aborted', healthy: false })).toBe(143);
  });

  it('for a run that never started: 1 after quitting at the resume question, the signal code after a signal, the summary either way', async () => {
    const quit = side();
    expect(await notStartedExitCode(quit, new NotStarted('nothing was started'), 'interrupted')).toBe(1);
    expect(quit.finished).toEqual([['nothing was started']]);
    const ctrlC = side('SIGINT');
    expect(await notStartedExitCode(ctrlC, new Error('aborted'), 'Interrupted before anything was started')).toBe(130);
    expect(ctrlC.finished).toEqual([['Interrupted before anything was started']]);
    expect(await notStartedExitCode(side(), new Error('a bug'), 'x')).toBeUndefined();
  });
});
