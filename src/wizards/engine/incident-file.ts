import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { IncidentLog } from '../../model/incident-log';
import { once } from '../../once';
import type { RackSnapshot } from '../../model/snapshot';
import type { RunResult } from './runner';
import { ensureStateDir, visibleStrings, writeFileAtomic } from './state-files';

/** Enough history for every rack an operator watches; the oldest ends are dropped first. */
const KEEP = 200;

const entrySchema = () =>
  z.object({
    rack: z.string(),
    label: z.string(),
    startedAt: z.number(),
    how: z.enum(['recovered', 'acknowledged']),
    by: z.string(),
    at: z.number(),
  });
type Entry = z.infer<ReturnType<typeof entrySchema>>;
/** Built on the first read of an existing file, not when the TUI loads (its first frame has no use for it). */
const fileSchema = once(() => z.object({ ended: z.array(entrySchema()) }));

export function incidentFile(stateDir: string): string {
  return join(stateDir, 'incidents.json');
}

/**
 * The ended incidents in `<stateDir>/incidents.json`, shared by the TUI, `status` and the wizards. Read again when
 * the file changed (another process acknowledged); a missing or damaged file ends nothing, so `status` never fails
 * on it. Writing goes through the state directory's atomic write (its errors are StateDirError).
 */
export function fileIncidentLog(stateDir: string): IncidentLog {
  const file = incidentFile(stateDir);
  let cache: { mtime: number; entries: readonly Entry[] } | undefined;
  const entries = (): readonly Entry[] => {
    let mtime: number;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      return [];
    }
    if (cache?.mtime !== mtime) cache = { mtime, entries: read(file) };
    return cache.entries;
  };
  return {
    ended(rack, incident) {
      const e = entries().find((x) => x.rack === rack && x.label === incident.label && x.startedAt === incident.startedAt);
      return e ? { how: e.how, by: e.by, at: e.at } : undefined;
    },
    end(rack, incident, end) {
      ensureStateDir(stateDir);
      const next = [...entries(), { rack, label: incident.label, startedAt: incident.startedAt, ...end }].slice(-KEEP);
      writeFileAtomic(file, `${JSON.stringify({ ended: next }, null, 2)}\n`);
      cache = undefined;
    },
  };
}

function read(file: string): Entry[] {
  try {
    const parsed = fileSchema().safeParse(JSON.parse(readFileSync(file, 'utf8'), visibleStrings));
    return parsed.success ? parsed.data.ended : [];
  } catch {
    return [];
  }
}

/**
 * Whether a recovery run ends the incident: it ran for real, every step is done, and the rack it left has no
 * critical finding (the same test as its exit code 0). A dry run, a cancelled or failed run ends nothing.
 */
export function recoveryEndsIncident(result: Pick<RunResult, 'state' | 'dryRun'>, after: Pick<RackSnapshot, 'findings'>): boolean {
  return result.state === 'done' && !result.dryRun && after.findings.every((f) => f.severity !== 'critical');
}
