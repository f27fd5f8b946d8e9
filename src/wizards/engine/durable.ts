import { join } from 'node:path';
import { EXIT_CODE, RackpilotError } from '../../errors';
import { type AuditEntry, type AuditLog, openAudit, readAuditRun } from './audit';
import { inspectRuns, type Journal, newRunId, setAsideBroken } from './journal';
import { journalFromAudit } from './journal-from-audit';
import { type Lock, withRackLock } from './lock';
import { ensureStateDir } from './state-files';
import type { Print } from './types';

/** What an operator is told about an unfinished run before choosing to resume it or start over. */
export interface UnfinishedRun {
  readonly runId: string;
  readonly operator: string;
  /** Wall-clock time of its start, from the audit log (the journal's own times may be a simulated rack's). */
  readonly startedAt?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly stepsDone: readonly string[];
  /** Destructive actions it finished: what starting over may repeat. */
  readonly destructiveDone: readonly string[];
}

export type ResumeDecision = 'resume' | 'fresh' | 'quit';

export interface DurableOptions {
  readonly stateDir: string;
  readonly rack: string;
  readonly runbookId: string;
  readonly operator: string;
  /** --fresh: set an unfinished (or unreadable) run aside and start over. */
  readonly fresh: boolean;
  /** --resume-from-audit: continue an unfinished run whose journal is unreadable from the audit log's record. */
  readonly fromAudit?: boolean;
  readonly print: Print;
  /** Asked when an unfinished run of this runbook is found: never taken over silently. */
  readonly offerResume: (run: UnfinishedRun) => Promise<ResumeDecision>;
}

export interface Durable {
  /** The unfinished run to resume, if the operator chose to. */
  readonly resume?: Journal;
  /** Where a new run's journal goes. */
  readonly runsDir: string;
  /** The id a new run gets. */
  readonly runId: string;
  readonly audit: AuditLog;
  readonly lock: Lock;
}

/** The operator chose to quit at the resume question: nothing was changed. */
export class NotStarted extends RackpilotError {}

/**
 * What makes a wizard run survive `kill -9`: the rack lock held for the whole run, the file audit log, and the
 * unfinished journal of this runbook on this rack (if any) offered for resuming. The lock is taken before any
 * journal is touched, so a run still alive elsewhere is never resumed (or set aside) from here. A journal that
 * cannot be read is never skipped silently: if the audit log says its run was unfinished here, the run stops.
 */
export async function withDurableRun<T>(o: DurableOptions, fn: (d: Durable) => Promise<T>): Promise<T> {
  const runsDir = join(o.stateDir, 'runs');
  ensureStateDir(runsDir);
  const audit = openAudit(o.stateDir);
  const runId = newRunId(Date.now());
  return withRackLock({ rack: o.rack, operator: o.operator, runId, stateDir: o.stateDir }, async (lock) => {
    const record = auditBase(o);
    const t = lock.takenOver;
    if (t) {
      const whose = 'unreadable' in t ? 'an unreadable lock' : `${t.operator} (pid ${t.pid} on ${t.host}, run ${t.runId}, since ${t.since})`;
      o.print(`warning: took over the stale lock of ${whose}: that process is gone.`);
      audit.record({ ...record, runId, event: 'lock', outcome: 'taken-over', detail: `stale lock of ${whose}` });
    }
    const runs = inspectRuns(runsDir, o.rack, o.runbookId);
    let resume = await brokenRuns(o, runs.broken, runsDir, audit);
    if (!resume && runs.resumable) {
      const found = runs.resumable;
      const decision = o.fresh ? 'fresh' : await o.offerResume(describeRun(found, readAuditRun(o.stateDir, found.data.runId)));
      if (decision === 'quit') throw new NotStarted('nothing was started: the unfinished run is left as it was');
      if (decision === 'resume') resume = found;
      else {
        setAside(found);
        audit.record({ ...record, runId: found.data.runId, event: 'run-end', outcome: 'abandoned', detail: 'started over' });
        o.print(`Set aside unfinished run ${found.data.runId}; starting over.`);
      }
    }
    return fn({ ...(resume ? { resume } : {}), runsDir, runId, audit, lock });
  });
}

/**
 * Journals that failed to load. One whose run the audit log shows unfinished on this rack stops everything (or,
 * by the operator's choice, is rebuilt from the audit log or set aside); others are named and left alone.
 */
async function brokenRuns(o: DurableOptions, broken: ReturnType<typeof inspectRuns>['broken'], runsDir: string, audit: AuditLog): Promise<Journal | undefined> {
  let rebuilt: Journal | undefined;
  for (const b of broken) {
    const entries = readAuditRun(o.stateDir, b.runId);
    const mine = entries.filter((e) => e.rack === o.rack && e.runbook === o.runbookId);
    const ended = mine.some((e) => e.event === 'run-end');
    if (mine.length === 0 || ended || entries.some((e) => e.dryRun)) {
      if (mine.length === 0 && entries.length === 0) o.print(`note: ignoring ${b.file} (${b.problem}); the audit log has no run ${b.runId}`);
      continue;
    }
    const done = destructiveDone(mine);
    const what = done.length ? `it recorded as done: ${done.join('; ')}` : 'the audit log records no destructive action of it as done';
    if (o.fromAudit && !rebuilt) {
      rebuilt = journalFromAudit(mine, runsDir, b.file);
      o.print(`Rebuilt run ${b.runId} from the audit log (${b.file} was set aside): ${what}.`);
      audit.record({ ...auditBase(o), runId: b.runId, event: 'resume', detail: `journal rebuilt from the audit log: ${b.problem}` });
      continue;
    }
    if (o.fresh) {
      setAsideBroken(b.file);
      audit.record({ ...auditBase(o), runId: b.runId, event: 'run-end', outcome: 'abandoned', detail: `started over; unreadable journal: ${b.problem}` });
      o.print(`Set aside the unreadable journal of run ${b.runId} (${what}); starting over.`);
      continue;
    }
    throw new RackpilotError(`the journal of unfinished run ${b.runId} cannot be read: ${b.file}: ${b.problem}; ${what}`, {
      exitCode: EXIT_CODE.journal,
      hint: 'continue it from the audit log with --resume-from-audit, or start over with --fresh (the journal is kept as *.broken); either way, check the rack first',
    });
  }
  return rebuilt;
}

/** Who and where, for every audit entry this module writes about a run. */
function auditBase(o: DurableOptions) {
  return { operator: o.operator, rack: o.rack, runbook: o.runbookId, dryRun: false } as const;
}

function destructiveDone(entries: readonly AuditEntry[]): string[] {
  return entries
    .filter((e) => e.event === 'action-end' && e.outcome === 'ok' && e.action?.destructive)
    .map((e) => `${e.action?.description ?? e.action?.id} (${e.time})`);
}

function describeRun(j: Journal, entries: readonly AuditEntry[]): UnfinishedRun {
  const d = j.data;
  const start = entries.find((e) => e.event === 'run-start');
  return {
    runId: d.runId,
    operator: d.operator,
    ...(start ? { startedAt: start.time } : {}),
    params: d.params,
    stepsDone: d.steps.filter((s) => s.state === 'done').map((s) => s.title),
    destructiveDone: d.steps.flatMap((s) => s.actions.filter((a) => a.state === 'done' && a.destructive).map((a) => a.description)),
  };
}

/** Kept on disk as the record of what happened, but never offered for resuming again. */
function setAside(journal: Journal): void {
  journal.update((d) => {
    d.state = 'aborted';
    d.error = 'set aside: the operator started over';
    d.endedAt = d.updatedAt;
  });
}
