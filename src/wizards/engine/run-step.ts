import { describeError } from '../../errors';
import { askByHand, byHandCheck } from './by-hand';
import type { JournalStep } from './journal';
import { planActions, recordActions, runActions } from './run-actions';
import { askChoice } from './run-choice';
import { confirmByTyping, typedRequest } from './run-typed';
import { DEFAULT_VERIFY_POLL, type Flow, type RunContext } from './run-context';
import { sleep } from './sleep';
import type { Action, ByHandCheck, Check, CheckResult, Step, StepContext, StepState } from './types';

/** One step: preconditions, questions, the operator's go, the actions, then verify. */
export async function runStep(rc: RunContext, step: Step): Promise<Flow> {
  const entry = rc.stepEntry(step);
  rc.update(() => {
    entry.state = 'running';
    // A resumed step keeps its first start: the drill's RTO counts the time lost to the crash too.
    entry.startedAt ??= rc.now();
    delete entry.endedAt;
  });
  rc.emit({ type: 'step-start', stepId: step.id, at: rc.now() });
  rc.audit({ event: 'step-start', step: step.id });
  const flow = await phases(rc, step, entry);
  endStep(rc, step, entry, flow);
  return flow;
}

async function phases(rc: RunContext, step: Step, entry: JournalStep): Promise<Flow> {
  let flow = await checkPreconditions(rc, step);
  if (flow !== 'ok') return flow;
  flow = await askChoice(rc, step);
  if (flow !== 'ok') return flow;
  const ctx = rc.stepContext(step);
  const actions = step.actions(ctx);
  recordActions(rc, entry, actions);
  // A resumed step whose destructive actions are all done destroys nothing more: a key confirms the rest.
  const destroys = actions.some((a) => a.destructive && entry.actions.find((j) => j.id === a.id)?.state !== 'done');
  const request = destroys ? typedRequest(step, ctx) : undefined;
  if (typeof request === 'string') {
    rc.reason = request;
    return 'cancel';
  }
  if (request) rc.emit({ type: 'typed-confirmation', stepId: step.id, request, dryRun: rc.dryRun });
  if (rc.dryRun) {
    if (request) rc.audit({ event: 'decision', step: step.id, outcome: 'planned', detail: `would ask to type "${request.text}"` });
    planActions(rc, step, entry, actions);
    return 'ok';
  }
  flow = request ? await confirmByTyping(rc, step, actions, request, ctx) : await confirmStep(rc, step, actions, ctx);
  if (flow !== 'ok') return flow;
  flow = await runActions(rc, step, entry, actions);
  if (flow !== 'ok') return flow;
  return verifyStep(rc, step);
}

async function confirmStep(rc: RunContext, step: Step, actions: readonly Action[], ctx: StepContext): Promise<Flow> {
  const go = await rc.ask(() => rc.o.interaction.confirmStep(step, actions, ctx));
  rc.audit({ event: 'decision', step: step.id, outcome: go, detail: 'confirm step' });
  return go === 'run' ? 'ok' : go;
}

function endStep(rc: RunContext, step: Step, entry: JournalStep, flow: Flow): void {
  // An abort right after a failure leaves the step failed; an abort or cancel before anything failed leaves it pending.
  // A dry run plans a step; it never does it, so it never shows as done.
  const state: StepState = flow === 'ok' ? (rc.dryRun ? 'planned' : 'done') : flow === 'skip' ? 'skipped' : entry.state === 'failed' ? 'failed' : 'pending';
  const at = rc.now();
  rc.update(() => {
    entry.state = state;
    if (state !== 'pending') entry.endedAt = at;
  });
  rc.emit({ type: 'step-end', stepId: step.id, state, at });
  rc.audit({ event: 'step-end', step: step.id, outcome: state });
}

/**
 * All must pass. A dry run reports failing ones and goes on, so the plan is complete. A check no configured source
 * can read is confirmed by hand, once the others pass.
 */
async function checkPreconditions(rc: RunContext, step: Step): Promise<Flow> {
  for (;;) {
    const ctx = rc.stepContext(step);
    const failing: string[] = [];
    const byHand: ByHandCheck[] = [];
    for (const check of step.preconditions) {
      const result = test(check.test, ctx);
      rc.emit({ type: 'precondition', stepId: step.id, check: check.description, result });
      const manual = byHandCheck(check.description, result);
      if (manual) byHand.push(manual);
      else if (!result.ok) failing.push(`${check.description}: ${result.detail}`);
    }
    if (rc.dryRun) return 'ok';
    if (failing.length > 0) {
      const decision = await rc.failure(step, `precondition failed: ${failing.join('; ')}`);
      if (decision === 'retry') continue;
      return decision;
    }
    const flow = await confirmAll(rc, step, byHand);
    if (flow !== 'retry') return flow;
  }
}

async function confirmAll(rc: RunContext, step: Step, checks: readonly ByHandCheck[]): Promise<Flow | 'retry'> {
  for (const check of checks) {
    const decision = await askByHand(rc, step, check);
    if (decision !== 'confirmed') return decision;
  }
  return 'ok';
}

async function verifyStep(rc: RunContext, step: Step): Promise<Flow> {
  const verify = step.verify;
  if (!verify) return 'ok';
  for (;;) {
    const result = await pollVerify(rc, step, verify);
    const manual = byHandCheck(verify.description, result);
    if (manual) {
      const flow = await confirmAll(rc, step, [manual]);
      if (flow === 'retry') continue;
      return flow;
    }
    if (result.ok) return 'ok';
    const seconds = Math.round(verify.timeout / 1000);
    const decision = await rc.failure(step, `not verified after ${seconds} s: ${verify.description}: ${result.detail}`);
    // Retry polls again; the actions already ran and are not repeated.
    if (decision !== 'retry') return decision;
  }
}

/** Polls on the run's clock until the check passes or its timeout ends; the last result explains a failure. */
async function pollVerify(rc: RunContext, step: Step, verify: NonNullable<Step['verify']>): Promise<CheckResult> {
  const interval = rc.o.verifyPollInterval ?? DEFAULT_VERIFY_POLL;
  const deadline = rc.now() + verify.timeout;
  for (;;) {
    const result = test(verify.test, rc.stepContext(step));
    rc.emit({ type: 'verify', stepId: step.id, result, at: rc.now(), deadline });
    const left = deadline - rc.now();
    // A check no source can read will not pass by waiting: the operator is asked at once.
    if (result.ok || result.byHand !== undefined || left <= 0) return result;
    await sleep(rc.o.clock, Math.min(interval, left), rc.signal);
  }
}

/** A check that throws (a runbook bug, missing data) fails with its message instead of ending the run. */
function test(fn: Check['test'], ctx: StepContext): CheckResult {
  try {
    return fn(ctx);
  } catch (error) {
    return { ok: false, detail: `check failed: ${describeError(error)}` };
  }
}
