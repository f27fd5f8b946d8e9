// A check no configured source can read is confirmed by a person: it never passes by itself, with or without a
// by-hand prompt on the operator's side, and the confirmation is audited.
import { describe, expect, it } from 'vitest';
import type { ByHandCheck, Interaction, Runbook } from '../../src/wizards/engine/types';
import { scriptedOperator } from './helpers';
import { setup } from './setup';

const MANUAL = { ok: false, detail: 'no kubernetes.initial context in the config', byHand: 'sudo k3s kubectl get nodes: every node Ready' } as const;

/** One step with a precondition and a verify, either of which may be a check nobody can read. */
function runbook(o: { pre?: boolean; verify?: boolean }): Runbook {
  const check = (manual: boolean) => () => (manual ? MANUAL : { ok: true, detail: 'read live' });
  return {
    id: 'bring-up',
    title: 'Bring up',
    description: 'one step',
    steps: [
      {
        id: 'k3s',
        title: 'Initial k3s cluster',
        explanation: 'install k3s',
        destructive: false,
        preconditions: [{ description: 'tools present', test: check(o.pre === true) }],
        actions: () => [{ id: 'run', description: 'run install', effect: { op: 'none' }, calls: [{ kind: 'command', argv: ['install'] }], destructive: false }],
        verify: { description: 'k3s answers, every node Ready', test: check(o.verify === true), timeout: 600_000 },
      },
    ],
  };
}

/** The scripted operator with a by-hand prompt answering `answer`, recording what it was asked. */
function withByHand(answer: 'confirmed' | 'abort') {
  const { interaction, log } = scriptedOperator({});
  const asked: ByHandCheck[] = [];
  const side: Interaction = {
    ...interaction,
    async confirmByHand(_step, check) {
      asked.push(check);
      return answer;
    },
  };
  return { side, asked, log };
}

describe('checks confirmed by hand', () => {
  it('a verify without a live source is asked at once (no waiting for its timeout) and, confirmed, the step is done and audited', async () => {
    const { side, asked } = withByHand('confirmed');
    const { run, clock, audit, executor } = setup({ runbook: runbook({ verify: true }), interaction: side });
    const result = await run();
    expect(result.state).toBe('done');
    expect(executor.ran).toEqual(['run']);
    expect(asked).toEqual([{ description: 'k3s answers, every node Ready', why: MANUAL.detail, instruction: MANUAL.byHand }]);
    expect(clock.now() - result.startedAt).toBeLessThan(600_000);
    expect(audit.entries.filter((e) => e.event === 'decision' && e.outcome === 'confirmed-by-hand').map((e) => e.detail)).toEqual([`by hand (${MANUAL.detail}): k3s answers, every node Ready`]);
  });

  it('a precondition without a live source is asked before anything runs; not confirmed, nothing runs and the run is aborted', async () => {
    const { side, asked } = withByHand('abort');
    const { run, executor } = setup({ runbook: runbook({ pre: true }), interaction: side });
    const result = await run();
    expect(asked.map((c) => c.description)).toEqual(['tools present']);
    expect(executor.ran).toEqual([]);
    expect(result.state).toBe('aborted');
  });

  it('an operator side without a by-hand prompt gets the failure prompt: the check never passes by itself', async () => {
    const { run, log, executor } = setup({ runbook: runbook({ verify: true }) }, { decisions: ['abort'] });
    const result = await run();
    expect(executor.ran).toEqual(['run']);
    expect(log.failures).toEqual([`cannot be checked from a live source (${MANUAL.detail}): k3s answers, every node Ready; check by hand: ${MANUAL.byHand}`]);
    expect(result.state).toBe('aborted');
    expect(result.steps[0]?.state).toBe('failed');
  });

  it('a dry run asks nothing by hand', async () => {
    const { side, asked } = withByHand('abort');
    const { run, events } = setup({ runbook: runbook({ pre: true, verify: true }), interaction: side, dryRun: true });
    const result = await run();
    expect(asked).toEqual([]);
    expect(result.steps[0]?.state).toBe('planned');
    expect(events.some((e) => e.type === 'precondition' && e.result.byHand !== undefined)).toBe(true);
  });
});
