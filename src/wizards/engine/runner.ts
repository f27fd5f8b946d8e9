import { describeError, UsageError } from '../../errors';
import type { EpochMs, Millis } from '../../model/time';
import { type ActionState, Journal } from './journal';
import { type Flow, RunContext, type RunOptions } from './run-context';
import { runStep } from './run-step';
import type { Effect, RealCall } from './calls';
import type { RunOutcome, StepState, VersionChoice } from './types';

export type { RunOptions } from './run-context';
export type { RunOutcome } from './types';

export interface ActionResult {
  readonly id: string;
  readonly description: string;
  readonly destructive: boolean;
  readonly state: ActionState;
  readonly startedAt?: EpochMs;
  readonly endedAt?: EpochMs;
  readonly error?: string;
  readonly effect?: Effect;
  readonly undo?: { readonly what: string; readonly calls: readonly RealCall[] };
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
  /** Why the run was cancelled, aborted or failed. */
  readonly reason?: string;
  readonly resumed: boolean;
  readonly dryRun: boolean;
  /** Times on the run's clock; for a resumed run, startedAt is the original start. */
  readonly startedAt: EpochMs;
  readonly endedAt: EpochMs;
  /** Wall-clock time a person spent answering prompts. */
  readonly operatorTime: Millis;
  /** The rack's own time: the run's duration without the operator's (on a clock that stood still, it did already). */
  readonly machineTime: Millis;
  /** Every step of the runbook in order; steps never reached are pending. */
  readonly steps: readonly StepResult[];
  /** The version chosen in each step that asked, by step id. */
  readonly choices: Readonly<Record<string, VersionChoice>>;
  /** What done actions left changed that the run did not take back, with how to take it back. */
  readonly stillChanged: readonly { readonly what: string; readonly undo: readonly RealCall[] }[];
  /** The error that ended a failed run (e.g. the state directory filled up), for its exit code. */
  readonly error?: unknown;
}

/**
 * Runs a runbook step by step, journaling every state change so a crashed run resumes where it stopped.
 * The caller holds the rack lock around it. An abort (Ctrl-C, SIGTERM, SIGHUP) ends it at once, also while a
 * prompt waits for an answer nobody will give.
 */
export async function runRunbook(o: RunOptions): Promise<RunResult> {
  const journal = pickJournal(o);
  const controller = new AbortController();
  const onAbort = () => controller.abort(o.signal?.reason);
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // Clock timers are unref'd so idle polls never hold a command open; the run itself must, until it ends.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const rc = new RunContext(o, journal, controller.signal);
  let state: RunOutcome = 'done';
  let reason: string | undefined;
  let failure: unknown;
  try {
    rc.update((d) => {
      // On resume the original parameters win: the run's decisions were made with them.
      d.params = { ...o.params, ...d.params };
      for (const step of o.runbook.steps) rc.stepEntry(step);
    });
    rc.emit({ type: 'run-start', runId: journal.data.runId, resumed: journal.resumed, at: rc.now() });
    rc.audit({ event: journal.resumed ? 'resume' : 'run-start', params: journal.data.params, detail: journal.resumed ? 'resumed' : 'new run' });
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
    if (state === 'aborted') reason = controller.signal.aborted ? interrupted(controller.signal.reason) : 'aborted by the operator';
    if (state === 'cancelled') reason = rc.reason;
  } catch (error) {
    state = controller.signal.aborted ? 'aborted' : 'failed';
    reason = controller.signal.aborted ? interrupted(controller.signal.reason) : describeError(error);
    failure = error;
    closeRunning(rc);
  } finally {
    clearInterval(keepAlive);
    o.signal?.removeEventListener('abort', onAbort);
  }
  const endedAt = rc.now();
  finish(rc, state, endedAt, reason);
  return { ...result(o, journal, state, reason), ...(failure !== undefined ? { error: failure } : {}) };
}

function interrupted(why: unknown): string {
  return `interrupted: ${describeError(why ?? 'aborted')}`;
}

/**
 * Steps and actions that were going on when the run was cut off end as failed, so nobody mistakes them for done;
 * a step cut off at its prompt, before any of its actions started, did not run at all and stays pending.
 */
function closeRunning(rc: RunContext): void {
  try {
    rc.update((d) => {
      for (const s of d.steps) {
        const started = s.actions.some((a) => a.state === 'running' || a.state === 'done' || a.state === 'failed');
        if (s.state === 'running') s.state = started ? 'failed' : 'pending';
        for (const a of s.actions) if (a.state === 'running') a.state = 'failed';
      }
    });
  } catch {
    // The journal itself may be what failed (a full disk); the run ends either way.
  }
}

/** Marks the run ended in the journal and the audit log; a journal that cannot be written any more is reported, not fatal here. */
function finish(rc: RunContext, state: RunOutcome, endedAt: EpochMs, reason: string | undefined): void {
  try {
    rc.update((d) => {
      d.state = state;
      d.endedAt = endedAt;
      if (reason !== undefined) d.error = reason;
    });
  } catch {
    // Reported by the caller through the run's reason; the audit below may still work.
  }
  rc.emit({ type: 'run-end', state, at: endedAt, ...(reason !== undefined ? { reason } : {}) });
  try {
    rc.audit({ event: 'run-end', outcome: state, ...(reason !== undefined ? { error: reason } : {}) });
  } catch {
    // As above: a full or read-only state directory; the run's end is still returned and shown.
  }
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
    return e ? (structuredClone(e) as StepResult) : { id: step.id, title: step.title, state: 'pending', actions: [] };
  });
  const endedAt = d.endedAt ?? o.clock.now();
  const duration = Math.max(0, endedAt - d.startedAt);
  return {
    state,
    runId: d.runId,
    ...(reason !== undefined ? { reason } : {}),
    resumed: journal.resumed,
    dryRun: o.dryRun === true,
    startedAt: d.startedAt,
    endedAt,
    operatorTime: d.operatorMs,
    // A clock that stood still while people answered measured only the machine; a real one measured both.
    machineTime: o.clock.hold ? duration : Math.max(0, duration - d.operatorMs),
    steps,
    choices: structuredClone(d.choices) as Record<string, VersionChoice>,
    stillChanged: stillChanged(steps),
  };
}

/**
 * What the run changed and did not take back: every done action with an undo whose effect no later done action
 * reversed (a database stopped by the fence and started by the restore is back; one whose restore never ran is not).
 */
function stillChanged(steps: readonly StepResult[]): RunResult['stillChanged'] {
  const done = steps.flatMap((s) => s.actions.filter((a) => a.state === 'done'));
  return notTakenBack(done).flatMap(({ undo }) => (undo ? [{ what: undo.what, undo: undo.calls }] : []));
}

/** The done actions (in the order they ran) whose effect no later one reversed: what a run leaves changed. */
export function notTakenBack<A extends { readonly effect?: Effect | undefined }>(done: readonly A[]): A[] {
  return done.filter((action, i) => {
    const { effect } = action;
    return effect !== undefined && !done.slice(i + 1).some((later) => later.effect && reverses(later.effect, effect));
  });
}

/** Whether `later` takes back what `earlier` left changed. */
function reverses(later: Effect, earlier: Effect): boolean {
  const target = changedComponent(earlier);
  if (target === undefined || changedComponent(later) !== target) return false;
  if (earlier.op === 'stop-database' || earlier.op === 'clear-data') return later.op === 'start-database';
  if (earlier.op === 'pause-backups' || earlier.op === 'reprovision-bootstrap') return later.op === 'resume-backups';
  return false;
}

/** The backup component an effect changes; re-installing the bootstrap node turns off k3s's snapshots. */
export function changedComponent(e: Effect): string | undefined {
  if (e.op === 'reprovision-bootstrap') return e.snapshotsOf;
  return 'component' in e ? e.component : undefined;
}

/** The versions a run restored: the choices of the steps that were done (a step that asked and then failed restored nothing). */
export function restoredChoices(r: Pick<RunResult, 'steps' | 'choices'>): (VersionChoice & { readonly stepId: string })[] {
  const done = new Set(r.steps.filter((s) => s.state === 'done').map((s) => s.id));
  return Object.entries(r.choices)
    .filter(([step]) => done.has(step))
    .map(([stepId, c]) => ({ ...c, stepId }));
}
