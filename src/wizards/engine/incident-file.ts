import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentLog } from '../../model/incident-log';
import type { RackSnapshot } from '../../model/snapshot';
import type { IncidentEntry } from './incident-entries';
import type { RunResult } from './runner';
import { ensureStateDir, StateDirError, writeFileAtomic } from './state-files';

/** Enough history for every rack an operator watches; the oldest ends are dropped first. */
const KEEP = 200;

export function incidentFile(stateDir: string): string {
  return join(stateDir, 'incidents.json');
}

/** How the log reads the file: incident-entries.ts, with its schema. */
export type IncidentReader = (file: string) => readonly IncidentEntry[];
/** The reader itself, or how to load it when a file turns up. */
export type IncidentReading = { readonly read: IncidentReader } | { readonly load: () => Promise<IncidentReader> };

/**
 * The ended incidents in `<stateDir>/incidents.json`, shared by the TUI, `status` and the wizards. Read again when
 * the file changed (another process acknowledged); a missing or damaged file ends nothing, so `status` never fails
 * on it. Writing goes through the state directory's atomic write (its errors are StateDirError).
 *
 * The reader and its schema (zod) are loaded when there is a file to read, in the background, not on the way to
 * the TUI's first frame (a few ms of it): a file there at the start is read once the reader is in, and the log's
 * `ready` says when (the store publishes no snapshot before it); one written later by another process likewise
 * (until then it ends nothing, and ending an incident asks to try again rather than write over it).
 */
export function fileIncidentLog(stateDir: string, reading: IncidentReading): IncidentLog {
  const file = incidentFile(stateDir);
  let read = 'read' in reading ? reading.read : undefined;
  let loading: Promise<void> | undefined;
  let cache: { mtime: number; entries: readonly IncidentEntry[] } | undefined;
  const loadReader = (): Promise<void> => {
    loading ??=
      'load' in reading
        ? reading.load().then(
            (r) => {
              read = r;
            },
            () => undefined,
          )
        : Promise.resolve();
    return loading;
  };
  /** The entries; undefined when there is a file and its reader is still loading. */
  const entries = (): readonly IncidentEntry[] | undefined => {
    let mtime: number;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      return [];
    }
    if (!read) {
      // A file written since the start (by another process): its reader loads now, for the next read.
      void loadReader();
      return undefined;
    }
    if (cache?.mtime !== mtime) cache = { mtime, entries: read(file) };
    return cache.entries;
  };
  return {
    ended(rack, incident) {
      const e = entries()?.find((x) => x.rack === rack && x.label === incident.label && x.startedAt === incident.startedAt);
      return e ? { how: e.how, by: e.by, at: e.at } : undefined;
    },
    end(rack, incident, end) {
      const known = entries();
      if (!known) throw new StateDirError(file, new Error('another rackpilot wrote it a moment ago and it is still being read; try again'));
      ensureStateDir(stateDir);
      const next = [...known, { rack, label: incident.label, startedAt: incident.startedAt, ...end }].slice(-KEEP);
      writeFileAtomic(file, `${JSON.stringify({ ended: next }, null, 2)}\n`);
      cache = undefined;
    },
    // import() reads and compiles the reader at once; started on the next turn of the event loop, it does not
    // hold up what the caller does first (the TUI's first frame, drawn synchronously).
    ...(!read && existsSync(file) ? { ready: new Promise<void>((resolve) => setImmediate(() => resolve(loadReader()))) } : {}),
  };
}

/** The state directory's incident log; the reader of a file already there starts loading at once (see `ready`). */
export function openIncidentLog(stateDir: string): IncidentLog {
  return fileIncidentLog(stateDir, { load: async () => (await import('./incident-entries')).readIncidentEntries });
}

/**
 * Whether a recovery run ends the incident: it ran for real, every step is done, and the rack it left has no
 * critical finding (the same test as its exit code 0). A dry run, a cancelled or failed run ends nothing.
 */
export function recoveryEndsIncident(result: Pick<RunResult, 'state' | 'dryRun'>, after: Pick<RackSnapshot, 'findings'>): boolean {
  return result.state === 'done' && !result.dryRun && after.findings.every((f) => f.severity !== 'critical');
}
