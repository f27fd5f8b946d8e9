import { describe, expect, it } from 'vitest';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { tinyRestore } from './helpers';
import { setup } from './setup';

describe('Ctrl-C during a run', () => {
  it('stops the running action, runs nothing more and ends the run as aborted', async () => {
    const controller = new AbortController();
    const { run, executor } = setup({ signal: controller.signal });
    executor.onRun = (a) => {
      if (a.id === 'download') controller.abort(new Error('SIGINT'));
    };
    const result = await run();
    expect(result.state).toBe('aborted');
    expect(result.reason).toBe('interrupted: SIGINT');
    expect(executor.ran).toEqual(['pause', 'download']);
    expect(result.steps[1]?.actions.map((a) => a.state)).toEqual(['failed', 'pending', 'pending']);
  });

  it('during a verify poll ends the run as aborted too', async () => {
    const controller = new AbortController();
    const { run, clock } = setup({ signal: controller.signal, runbook: tinyRestore({ verifyOk: () => false, verifyTimeout: 60_000 }) });
    clock.setTimer(() => controller.abort(new Error('SIGINT')), 10_000);
    const result = await run();
    expect(result.state).toBe('aborted');
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
  });
});

describe('--auto', () => {
  it('takes the preselected version, types the confirmation and runs every step', async () => {
    const answers: string[] = [];
    const { run } = setup((clock) => ({ interaction: createAutoInteraction({ clock, onAnswer: (k, a) => answers.push(`${k}=${a}`) }) }));
    const result = await run();
    expect(result.state).toBe('done');
    expect(answers).toEqual([`version=${result.answers.version}`, `typed=metal-db ${result.answers.version?.slice(0, 8)}`]);
  });

  it('retries a failure a few times with a pause on the run clock between, then aborts', async () => {
    const { run, executor, clock } = setup((c) => ({ interaction: createAutoInteraction({ clock: c, retries: 2, retryDelay: 5000 }) }));
    executor.failTimes.set('pause', 5);
    const result = await run();
    expect(executor.ran).toEqual(['pause', 'pause', 'pause']);
    expect(result.state).toBe('aborted');
    expect(clock.now() - result.startedAt).toBeGreaterThanOrEqual(10_000);
  });
});
