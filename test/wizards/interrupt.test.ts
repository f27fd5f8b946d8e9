import { describe, expect, it } from 'vitest';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { tinyRestore } from './helpers';
import { setup } from './setup';

describe('Ctrl-C, SIGTERM or SIGHUP during a run', () => {
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

  it('while a prompt waits for an answer nobody gives, ends the run at once, with what is still changed', async () => {
    const controller = new AbortController();
    const { run, options, audit } = setup({ signal: controller.signal });
    const never = new Promise<never>(() => {});
    const interaction = { ...options.interaction, chooseVersion: () => never };
    setTimeout(() => controller.abort(new Error('SIGHUP received')), 20);
    const result = await run({ interaction });
    expect(result.state).toBe('aborted');
    expect(result.reason).toBe('interrupted: SIGHUP received');
    // The fence of step 1 was never undone: the summary must say so, with the command that undoes it.
    expect(result.stillChanged).toEqual([{ what: 'metal-db is STILL STOPPED', undo: [{ kind: 'command', argv: ['start', 'metal-db'] }] }]);
    expect(audit.entries.at(-1)).toMatchObject({ event: 'run-end', outcome: 'aborted' });
  });

  it('while the retry/skip/abort question after a failure waits, ends the run at once as aborted, not failed', async () => {
    const controller = new AbortController();
    const { run, options, executor } = setup({ signal: controller.signal });
    executor.failTimes.set('pause', 1);
    const interaction = { ...options.interaction, onFailure: () => new Promise<never>(() => {}) };
    setTimeout(() => controller.abort(new Error('SIGTERM received')), 20);
    const result = await run({ interaction });
    expect(result.state).toBe('aborted');
    expect(result.reason).toBe('interrupted: SIGTERM received');
    expect(executor.ran).toEqual(['pause']);
  });

  it('while a step waits to be confirmed, ends the run at once and runs nothing of it', async () => {
    const controller = new AbortController();
    const { run, options, executor } = setup({ signal: controller.signal });
    const interaction = { ...options.interaction, confirmStep: () => new Promise<never>(() => {}) };
    setTimeout(() => controller.abort(new Error('SIGINT')), 20);
    const result = await run({ interaction });
    expect(result.state).toBe('aborted');
    expect(executor.ran).toEqual([]);
    expect(result.stillChanged).toEqual([]);
    // Nothing of the step ran: it reads "not run", not "failed".
    expect(result.steps.map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
  });
});

describe('--auto', () => {
  it('takes the proposed version, types the confirmation, runs every step and says what it chose', async () => {
    const said: string[] = [];
    const { run } = setup((clock) => ({ interaction: createAutoInteraction({ clock, print: (l) => said.push(l) }) }));
    const result = await run();
    expect(result.state).toBe('done');
    expect(said).toEqual([`   auto: metal-db = ${result.choices.restore?.versionId} (the proposal)`]);
  });

  it('retries a failure a few times with a pause on the run clock between, saying each retry, then aborts', async () => {
    const said: string[] = [];
    const { run, executor, clock } = setup((c) => ({ interaction: createAutoInteraction({ clock: c, retries: 2, retryDelay: 5000, print: (l) => said.push(l) }) }));
    executor.failTimes.set('pause', 5);
    const result = await run();
    expect(executor.ran).toEqual(['pause', 'pause', 'pause']);
    expect(result.state).toBe('aborted');
    expect(clock.now() - result.startedAt).toBeGreaterThanOrEqual(10_000);
    expect(said.filter((l) => l.includes('auto: retry'))).toHaveLength(2);
    expect(said.at(-1)).toMatch(/still failing after 2 retries: abort/);
  });
});
