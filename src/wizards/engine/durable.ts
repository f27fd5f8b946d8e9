import { join } from 'node:path';
import { type AuditLog, openAudit } from './audit';
import { findResumable, type Journal, newRunId } from './journal';
import { type Lock, withRackLock } from './lock';
import type { Runbook } from './types';
import type { Print } from './types';

export interface DurableOptions {
  readonly stateDir: string;
  readonly rack: string;
  readonly runbookId: string;
  readonly operator: string;
  /** Discard an unfinished run (marked abandoned) and start over. */
  readonly fresh: boolean;
  readonly print: Print;
}

export interface Durable {
  /** The unfinished run to resume, if any. */
  readonly resume?: Journal;
  /** Where a new run's journal goes. */
  readonly runsDir: string;
  /** The id a new run gets. */
  readonly runId: string;
  readonly audit: AuditLog;
  readonly lock: Lock;
}

/**
 * What makes a wizard run survive `kill -9`: the rack lock held for the whole run, the file audit log and the
 * unfinished journal of this runbook on this rack (if any) to resume. The lock is taken before the journal is
 * touched, so a run still alive elsewhere is never resumed (or abandoned) from here.
 */
export async function withDurableRun<T>(o: DurableOptions, fn: (d: Durable) => Promise<T>): Promise<T> {
  const runsDir = join(o.stateDir, 'runs');
  const audit = openAudit(o.stateDir);
  const found = findResumable(runsDir, o.rack, o.runbookId);
  // A new run always gets a new id (its journal file must never overwrite another); the lock names the run it serves.
  const runId = newRunId(Date.now());
  const lockRunId = found && !o.fresh ? found.data.runId : runId;
  return withRackLock({ rack: o.rack, operator: o.operator, runId: lockRunId, stateDir: o.stateDir }, async (lock) => {
    const record = { operator: o.operator, rack: o.rack, runbook: o.runbookId, dryRun: false } as const;
    const t = lock.takenOver;
    if (t) {
      const whose = 'unreadable' in t ? 'an unreadable lock' : `${t.operator} (pid ${t.pid} on ${t.host}, run ${t.runId}, since ${t.since})`;
      o.print(`warning: took over the stale lock of ${whose}: that process is gone.`);
      audit.record({ ...record, runId, event: 'lock', outcome: 'taken-over', detail: `stale lock of ${whose}` });
    }
    // Found before the lock was ours: look again, the dead holder's journal is final now.
    const resumable = findResumable(runsDir, o.rack, o.runbookId);
    if (resumable && o.fresh) {
      abandon(resumable);
      audit.record({ ...record, runId: resumable.data.runId, event: 'run-end', outcome: 'abandoned', detail: 'started over with --fresh' });
      o.print(`Abandoned unfinished run ${resumable.data.runId}; starting over.`);
    }
    const resume = resumable && !o.fresh ? resumable : undefined;
    return fn({ ...(resume ? { resume } : {}), runsDir, runId, audit, lock });
  });
}

/** Kept on disk as the record of what happened, but never offered for resuming again. */
function abandon(journal: Journal): void {
  journal.update((d) => {
    d.state = 'aborted';
    d.error = 'abandoned: started over with --fresh';
    d.endedAt = d.updatedAt;
  });
}

/** "resuming run <id> started <time> at step N <title>; completed steps are not repeated" */
export function resumeNotice(journal: Journal, runbook: Runbook): string {
  const d = journal.data;
  const index = runbook.steps.findIndex((s) => {
    const state = d.steps.find((e) => e.id === s.id)?.state;
    return state !== 'done' && state !== 'skipped';
  });
  const at = index < 0 ? 'its end' : `step ${index + 1} ${runbook.steps[index]?.title}`;
  return `Resuming run ${d.runId} started ${new Date(d.startedAt).toISOString()} at ${at}; completed steps are not repeated.`;
}
