// A step confirmed by typing (a drill's injection destroys a volume on purpose): the runner checks the text,
// a wrong or missing one cancels the run before any action, the audit log records the decision but never the text
// typed, and a dry run shows what it would ask without asking.
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/wizards/engine/types';
import { createLineInteraction } from '../../src/wizards/operator/line-interaction';
import { tinyRestore } from './helpers';
import { setup } from './setup';

/** The tiny restore with its fence step destructive and confirmed by typing. */
function typedRunbook(destructive = true): Runbook {
  const rb = tinyRestore();
  const [fence, ...rest] = rb.steps;
  if (!fence) throw new Error('no fence step');
  const typed = () => ({ text: 'destroy metal-db on mini-rack', what: ['1. DELETE the volume of metal-db'] });
  return { ...rb, steps: [{ ...fence, typed, actions: (ctx) => fence.actions(ctx).map((a) => ({ ...a, destructive })) }, ...rest] };
}

describe('a step confirmed by typing', () => {
  it('runs when the exact text is typed (outer whitespace aside), and the audit log says it was confirmed by typing', async () => {
    const { run, executor, log, audit } = setup({ runbook: typedRunbook() }, { typedSteps: { fence: (t) => ` ${t}\n` } });
    const result = await run();
    expect(result.state).toBe('done');
    expect(executor.ran[0]).toBe('pause');
    expect(log.typedShown).toEqual([{ text: 'destroy metal-db on mini-rack', what: ['1. DELETE the volume of metal-db'] }]);
    const decision = audit.entries.find((e) => e.event === 'decision' && e.step === 'fence');
    expect(decision).toMatchObject({ outcome: 'run', detail: 'confirmed by typing "destroy metal-db on mini-rack": 1. DELETE the volume of metal-db' });
  });

  it('a wrong text cancels the run before any action: nothing runs, the reason names the text, the typed text is never recorded', async () => {
    const { run, executor, audit } = setup({ runbook: typedRunbook() }, { typedSteps: { fence: () => 'destroy metal-db on other-rack' } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('the typed confirmation did not match "destroy metal-db on mini-rack": nothing was done');
    expect(executor.ran).toEqual([]);
    expect(JSON.stringify(audit.entries)).not.toContain('other-rack');
    expect(audit.entries.find((e) => e.event === 'decision')).toMatchObject({ step: 'fence', outcome: 'cancelled' });
  });

  it('no answer (input ended, Esc) cancels too', async () => {
    const { run, executor } = setup({ runbook: typedRunbook() }, { typedSteps: { fence: () => undefined } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('"Pause backups" was not confirmed: nothing was done');
    expect(executor.ran).toEqual([]);
  });

  it('a step with nothing left to destroy (a resumed one whose destructive actions are done) is confirmed with a key', async () => {
    const { run, log } = setup({ runbook: typedRunbook(false) });
    expect((await run()).state).toBe('done');
    expect(log.typedShown).toEqual([]);
    expect(log.confirmed[0]).toBe('fence');
  });

  it('a dry run asks nothing and runs nothing, but shows the text it would ask for', async () => {
    const { run, executor, log, events, audit } = setup({ runbook: typedRunbook(), dryRun: true });
    const result = await run();
    expect(result.steps[0]?.state).toBe('planned');
    expect(executor.ran).toEqual([]);
    expect(log.typedShown).toEqual([]);
    expect(events).toContainEqual({ type: 'typed-confirmation', stepId: 'fence', request: { text: 'destroy metal-db on mini-rack', what: ['1. DELETE the volume of metal-db'] }, dryRun: true });
    expect(audit.entries.find((e) => e.event === 'decision')).toMatchObject({ outcome: 'planned', detail: 'would ask to type "destroy metal-db on mini-rack"' });
  });

  it('line mode shows the calls and what will be done, then the text to type, and says a mismatch cancels', async () => {
    const printed: string[] = [];
    const answers = ['destroy it'];
    const line = createLineInteraction(async () => answers.shift(), (l) => printed.push(l));
    const { run } = setup({ runbook: typedRunbook(), interaction: line });
    const result = await run();
    expect(result.state).toBe('cancelled');
    const text = printed.join('\n');
    expect(text).toContain('$ echo pause');
    expect(text).toContain('   What will be done:\n     1. DELETE the volume of metal-db\n   Type exactly: destroy metal-db on mini-rack');
    expect(text).toContain('That does not match: cancelled, nothing was done.');
  });
});
