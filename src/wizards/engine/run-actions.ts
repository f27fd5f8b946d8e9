import { describeError } from '../../errors';
import type { JournalAction, JournalStep } from './journal';
import type { Flow, RunContext } from './run-context';
import type { Action, ActionOutcome, Step } from './types';

/** What the journal keeps of an action: enough to show it, replay its effect on the sim and undo it. */
function journalAction(a: Action): JournalAction {
  return structuredClone({
    id: a.id,
    description: a.description,
    destructive: a.destructive,
    state: 'pending',
    effect: a.effect,
    ...(a.undo ? { undo: a.undo } : {}),
  }) as JournalAction;
}

/** Brings the step's journaled actions in line with the computed ones, keeping the state of those already seen. */
export function recordActions(rc: RunContext, entry: JournalStep, actions: readonly Action[]): void {
  const ids = new Set<string>();
  for (const a of actions) {
    if (ids.has(a.id)) throw new Error(`runbook bug: step ${entry.id} has two actions with id ${a.id}`);
    ids.add(a.id);
  }
  rc.update(() => {
    const previous = new Map(entry.actions.map((a) => [a.id, a]));
    const current = actions.map((a): JournalAction => previous.get(a.id) ?? journalAction(a));
    // Actions done earlier but no longer computed (the rack changed since) stay in the record of what happened.
    entry.actions = [...current, ...entry.actions.filter((a) => !ids.has(a.id))];
  });
}

/** A dry run shows every action exactly as it would run, and runs none. */
export function planActions(rc: RunContext, step: Step, entry: JournalStep, actions: readonly Action[]): void {
  for (const action of actions) {
    const ja = find(entry, action);
    rc.update(() => {
      ja.state = 'planned';
    });
    rc.emit({ type: 'action-start', stepId: step.id, action, dryRun: true });
    rc.audit({ event: 'action-start', step: step.id, action: named(action), effect: action.effect, calls: action.calls, outcome: 'planned' });
  }
}

/**
 * Runs the actions not yet done, in order. A failed one is offered for retry, which re-runs only it; one that
 * was running when a previous run crashed is re-run only if it is harmless to repeat.
 */
export async function runActions(rc: RunContext, step: Step, entry: JournalStep, actions: readonly Action[]): Promise<Flow> {
  for (const action of actions) {
    const ja = find(entry, action);
    if (ja.state === 'done') continue;
    if (rc.signal.aborted) return 'abort';
    // Cut off by a crash: one that destroys, or whose effect is unknown, runs again only when the operator says so.
    if (ja.state === 'running' && (action.destructive || action.idempotent === false)) {
      const decision = await rc.failure(step, `interrupted while running: ${action.description}; check its effect before retrying`);
      if (decision !== 'retry') return decision;
    }
    for (;;) {
      const outcome = await runAction(rc, step, ja, action);
      if (outcome.ok) break;
      if (rc.signal.aborted) return 'abort';
      const reason = outcome.error ?? (outcome.exitCode !== undefined ? `exit code ${outcome.exitCode}` : 'failed');
      const decision = await rc.failure(step, `${action.description}: ${reason}`);
      if (decision !== 'retry') return decision;
    }
  }
  return 'ok';
}

async function runAction(rc: RunContext, step: Step, ja: JournalAction, action: Action): Promise<ActionOutcome> {
  // Journaled as running before it starts: a crash from here on is seen on resume.
  rc.update(() => {
    ja.state = 'running';
    ja.startedAt = rc.now();
    delete ja.endedAt;
    delete ja.error;
  });
  rc.emit({ type: 'action-start', stepId: step.id, action, dryRun: false });
  rc.audit({ event: 'action-start', step: step.id, action: named(action), effect: action.effect, calls: action.calls });
  let outcome: ActionOutcome;
  try {
    // Every line is also audited: what a tool printed while it changed the rack is part of the record.
    const output = (line: string) => {
      rc.emit({ type: 'output', stepId: step.id, actionId: action.id, line });
      rc.audit({ event: 'output', step: step.id, action: named(action), detail: line });
    };
    outcome = await rc.o.executor.run(action, { signal: rc.signal, output });
  } catch (error) {
    outcome = { ok: false, error: describeError(error) };
  }
  rc.update(() => {
    ja.state = outcome.ok ? 'done' : 'failed';
    ja.endedAt = rc.now();
    if (!outcome.ok) ja.error = outcome.error ?? `exit code ${outcome.exitCode}`;
  });
  rc.emit({ type: 'action-end', stepId: step.id, actionId: action.id, outcome });
  rc.audit({
    event: 'action-end',
    step: step.id,
    action: named(action),
    effect: action.effect,
    outcome: outcome.ok ? 'ok' : 'failed',
    ...(outcome.ok ? {} : { error: ja.error }),
  });
  return outcome;
}

function named(a: Action) {
  return { id: a.id, description: a.description, destructive: a.destructive };
}

function find(entry: JournalStep, action: Action): JournalAction {
  const ja = entry.actions.find((a) => a.id === action.id);
  if (!ja) throw new Error(`action ${action.id} was not recorded before running`);
  return ja;
}
