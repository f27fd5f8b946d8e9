import { describeError, UsageError } from '../../errors';
import type { EpochMs } from '../../model/time';
import { type ActionState, Journal, type RunState } from './journal';
import { type Flow, RunContext, type RunOptions } from './run-context';
import { runStep } from './run-step';
import type { Answer, StepState } from './types';

export type { RunOptions } from './run-context';

export type RunOutcome = Exclude<RunState, 'running'>;

export interface ActionResult {
  readonly id: string;
  readonly description: string;
  readonly destructive: boolean;
  readonly state: ActionState;
  readonly startedAt?: EpochMs;
  readonly endedAt?: EpochMs;
  readonly error?: string;
}

export interface StepResult {
  readonly id: string;
  readonly title: string;
  readonly state: StepState;
  readonly startedAt?: EpochMs;
  readonly endedAt?: EpochMs;
  readonly error?: string;
  readonly actions: readonly ActionResult[];
}

export interface RunResult {
  readonly state: RunOutcome;
  readonly runId: string;
  /** Why the run was cancelled or failed. */
  readonly reason?: string;
  readonly resumed: boolean;
  readonly dryRun: boolean;
  /** Times on the run's clock; for a resumed run, startedAt is the original start. */
  readonly startedAt: EpochMs;
  readonly endedAt: EpochMs;
  /** Every step of the runbook in order; steps never reached are pending. */
  readonly steps: readonly StepResult[];
  readonly answers: Readonly<Record<string, Answer>>;
}

/**
 * Runs a runbook step by step, journaling every state change so a crashed run resumes where it stopped.
 * The caller holds the rack lock (acquireLock) around it.
 */
export async function runRunbook(o: RunOptions): Promise<RunResult> {
  const journal = pickJournal(o);
  const controller = new AbortController();
  const onAbort = () => controller.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // Clock timers are unref'd so idle polls never hold a command open; the run itself must, until it ends.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const rc = new RunContext(o, journal, controller.signal);
  let state: RunOutcome = 'done';
  let reason: string | undefined;
  try {
    rc.update((d) => {
      // On resume the original parameters win: the run's decisions were made with them.
      d.params = { ...o.params, ...d.params };
      for (const step of o.runbook.steps) rc.stepEntry(step);
    });
    rc.emit({ type: 'run-start', runId: journal.data.runId, resumed: journal.resumed, at: rc.now() });
    rc.audit({ event: 'run-start', detail: journal.resumed ? 'resumed' : 'new run' });
    for (const step of o.runbook.steps) {
      const entry = rc.stepEntry(step);
      if (entry.state === 'done' || entry.state === 'skipped') {
        // Finished before a crash: never run again, but shown so the view lists every step.
        rc.emit({ type: 'step-end', stepId: step.id, state: entry.state, at: entry.endedAt ?? rc.now() });
        continue;
      }
      const flow: Flow = await runStep(rc, step);
      if (flow === 'abort') state = 'aborted';
      if (flow === 'cancel') state = 'cancelled';
      if (state !== 'done') break;
    }
    if (state === 'aborted' && controller.signal.aborted) reason = `interrupted: ${describeError(controller.signal.reason ?? 'aborted')}`;
    if (state === 'cancelled') reason = rc.reason;
  } catch (error) {
    state = controller.signal.aborted ? 'aborted' : 'failed';
    reason = describeError(error);
    rc.update((d) => {
      for (const s of d.steps) if (s.state === 'running') s.state = 'failed';
    });
  } finally {
    clearInterval(keepAlive);
    o.signal?.removeEventListener('abort', onAbort);
  }
  const endedAt = rc.now();
  rc.update((d) => {
    d.state = state;
    d.endedAt = endedAt;
    if (reason !== undefined) d.error = reason;
  });
  rc.emit({ type: 'run-end', state, at: endedAt });
  rc.audit({ event: 'run-end', outcome: state, ...(reason !== undefined ? { error: reason } : {}) });
  return result(o, journal, state, reason);
}

/** Dry runs get a journal of their own in memory: a plan must never look like progress to resume. */
function pickJournal(o: RunOptions): Journal {
  const init = { runbookId: o.runbook.id, rack: o.rack, operator: o.operator, startedAt: o.clock.now(), ...(o.params ? { params: o.params } : {}) };
  const ids = new Set(o.runbook.steps.map((s) => s.id));
  if (ids.size !== o.runbook.steps.length) throw new UsageError(`runbook ${o.runbook.id} has two steps with the same id`);
  if (o.dryRun) return o.journal && !o.journal.file ? o.journal : Journal.memory({ ...init, dryRun: true });
  const journal = o.journal ?? Journal.memory(init);
  const d = journal.data;
  if (d.dryRun) throw new UsageError(`run ${d.runId} was a dry run and cannot be continued for real`);
  if (d.runbookId !== o.runbook.id || d.rack !== o.rack) {
    throw new UsageError(`run ${d.runId} belongs to runbook ${d.runbookId} on rack ${d.rack}, not ${o.runbook.id} on ${o.rack}`);
  }
  if (d.state !== 'running') throw new UsageError(`run ${d.runId} already ended (${d.state})`, { hint: 'start a new run' });
  return journal;
}

function result(o: RunOptions, journal: Journal, state: RunOutcome, reason: string | undefined): RunResult {
  const d = journal.data;
  const steps = o.runbook.steps.map((step): StepResult => {
    const e = d.steps.find((s) => s.id === step.id);
    return e ? structuredClone(e) : { id: step.id, title: step.title, state: 'pending', actions: [] };
  });
  return {
    state,
    runId: d.runId,
    ...(reason !== undefined ? { reason } : {}),
    resumed: journal.resumed,
    dryRun: o.dryRun === true,
    startedAt: d.startedAt,
    endedAt: d.endedAt ?? o.clock.now(),
    steps,
    answers: { ...d.answers },
  };
}
