import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupFence } from '../../model/backup';
import { callText } from './calls';
import { Journal, type JournalData } from './journal';
import { changedComponent, notTakenBack } from './runner';

/**
 * The fences rackpilot runs on a rack left in place, from their journals: per backup component, the newest run
 * that touched it decides, and it fences the component when it stopped its database (or paused its backups) and
 * did not start it again — whether it crashed, was aborted or cancelled, or is still going. The store shows one
 * only while the database is really stopped (store/database-pause.ts).
 */
export function runFences(journals: readonly JournalData[], rack: string): BackupFence[] {
  const byComponent = new Map<string, BackupFence | undefined>();
  const runs = journals.filter((d) => !d.dryRun && d.rack === rack).sort((a, b) => a.startedAt - b.startedAt || a.updatedAt - b.updatedAt);
  for (const d of runs) {
    const done = d.steps.flatMap((s) => s.actions.filter((a) => a.state === 'done'));
    for (const a of done) {
      const c = a.effect && changedComponent(a.effect);
      if (c !== undefined) byComponent.set(c, undefined);
    }
    for (const a of notTakenBack(done)) {
      const e = a.effect;
      if (!e || (e.op !== 'stop-database' && e.op !== 'pause-backups')) continue;
      const undo = a.undo?.calls.map(callText).join('; then ');
      byComponent.set(e.component, {
        componentId: e.component,
        runId: d.runId,
        runbook: d.runbookId,
        operator: d.operator,
        since: a.endedAt ?? d.updatedAt,
        runState: d.state,
        ...(undo ? { undo } : {}),
      });
    }
  }
  return [...byComponent.values()].filter((f): f is BackupFence => f !== undefined);
}

/** Journals already read, by file: a snapshot is built often, a journal changes only when a run writes it. */
const cache = new Map<string, { readonly stamp: string; readonly data?: JournalData }>();

/**
 * Every fence the journals in `runsDir` record for `rack`. Read-only (status must change nothing): journals that
 * cannot be read are skipped here, `recover` reports them.
 */
export function readFences(runsDir: string, rack: string): BackupFence[] {
  let names: string[];
  try {
    names = readdirSync(runsDir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const journals: JournalData[] = [];
  for (const name of names) {
    const file = join(runsDir, name);
    try {
      const st = statSync(file);
      const stamp = `${st.mtimeMs}:${st.size}`;
      let hit = cache.get(file);
      if (hit?.stamp !== stamp) {
        hit = { stamp, ...(tryLoad(file) ?? {}) };
        cache.set(file, hit);
      }
      if (hit.data) journals.push(hit.data);
    } catch {
      // Gone between the listing and the read: a run setting its journal aside.
    }
  }
  return runFences(journals, rack);
}

function tryLoad(file: string): { data: JournalData } | undefined {
  try {
    return { data: Journal.load(file).data };
  } catch {
    return undefined;
  }
}
