import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, EXIT_CODE, RackpilotError } from '../../errors';
import type { EpochMs } from '../../model/time';
import { JOURNAL_FORMAT, type JournalData, type JournalStep, journalSchema } from './journal-schema';
import { ensureStateDir, removeLeftoverTemps, visibleStrings, writeFileAtomic } from './state-files';
import { visibleText } from '../../text/visible-text';

export { defaultRunsDir, defaultStateDir } from './state-files';
export type { ActionState, JournalAction, JournalData, JournalStep, RunState } from './journal-schema';

/**
 * The run journal: one JSON file per run, rewritten atomically after every state change, so that after a crash
 * (or a closed laptop) the run resumes exactly where it stopped and a finished destructive action is never repeated.
 */
export interface JournalInit {
  readonly runbookId: string;
  readonly rack: string;
  readonly operator: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly startedAt: EpochMs;
  readonly dryRun?: boolean;
  readonly runId?: string;
}

/** A journal file that cannot be trusted: which file, and what is wrong with it. */
export class JournalError extends RackpilotError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`run journal ${file} cannot be used: ${problem}`, { exitCode: EXIT_CODE.journal });
  }
}

/** Sortable by time (file names list in run order) and unique across hosts starting in the same millisecond. */
export function newRunId(at: EpochMs): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export class Journal {
  private constructor(
    private readonly state: JournalData,
    /** Undefined for an in-memory journal (dry runs, tests): nothing is written. */
    readonly file: string | undefined,
    /** Loaded from disk: the runner resumes it. */
    readonly resumed: boolean,
  ) {}

  /** A new run journal file in dir (created if missing), written at once. */
  static create(dir: string, init: JournalInit): Journal {
    ensureStateDir(dir);
    const data = initialData(init);
    const journal = new Journal(data, join(dir, `${data.runId}.json`), false);
    journal.update(() => {});
    return journal;
  }

  /** A journal that lives only in memory: for dry runs, which must leave nothing resumable behind. */
  static memory(init: JournalInit): Journal {
    return new Journal(initialData(init), undefined, false);
  }

  /** Writes a journal rebuilt from another record (the audit log) to file and resumes it. */
  static restore(file: string, data: JournalData): Journal {
    const parsed = journalSchema.safeParse(data);
    if (!parsed.success) throw new JournalError(file, `the audit log's record does not make a valid journal: ${parsed.error.issues[0]?.message}`);
    const journal = new Journal(parsed.data, file, true);
    journal.update(() => {});
    return journal;
  }

  /** Loads and validates a journal file; anything that is not a valid journal throws a JournalError. */
  static load(file: string): Journal {
    let text: string;
    try {
      if (!statSync(file).isFile()) throw new Error('not a regular file');
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new JournalError(file, `cannot be read: ${describeError(error)}`);
    }
    let raw: unknown;
    try {
      // Every string is shown at some point (titles, descriptions, the operator): made visible as it is read.
      raw = JSON.parse(text, visibleStrings);
    } catch {
      throw new JournalError(file, text.trim() === '' ? 'the file is empty' : 'it is not valid JSON (truncated or overwritten?)');
    }
    const format = (raw as { format?: unknown } | null)?.format;
    if (format !== JOURNAL_FORMAT) throw new JournalError(file, `format ${JSON.stringify(format) ?? 'missing'}, expected ${JOURNAL_FORMAT}`);
    const parsed = journalSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JournalError(file, `${visibleText(issue?.path.join('.') ?? '') || '(top level)'}: ${issue?.message ?? 'invalid'}`);
    }
    return new Journal(parsed.data, file, true);
  }

  get data(): Readonly<JournalData> {
    return this.state;
  }

  /** Applies a change and persists it before returning, so a crash right after sees it. */
  update(change: (data: JournalData) => void): void {
    change(this.state);
    if (this.file) writeFileAtomic(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
  }

  /** The journal entry for a step, created (pending) on first use. */
  step(id: string, title: string): JournalStep {
    let step = this.state.steps.find((s) => s.id === id);
    if (!step) {
      step = { id, title, state: 'pending', actions: [] };
      this.state.steps.push(step);
    }
    return step;
  }
}

function initialData(init: JournalInit): JournalData {
  return {
    format: JOURNAL_FORMAT,
    runId: init.runId ?? newRunId(init.startedAt),
    runbookId: init.runbookId,
    rack: init.rack,
    operator: init.operator,
    params: { ...init.params },
    dryRun: init.dryRun ?? false,
    startedAt: init.startedAt,
    updatedAt: init.startedAt,
    state: 'running',
    operatorMs: 0,
    choices: {},
    steps: [],
  };
}

/** A journal that cannot be read is kept beside the runs as `*.broken`: the record of what happened, never offered again. */
export function setAsideBroken(file: string): void {
  renameSync(file, `${file}.broken`);
}

/** What the runs directory holds for a rack and runbook: the run to resume, and journals that cannot be read. */
export interface RunsOnDisk {
  /** The newest unfinished (crashed or killed) valid run of this runbook on this rack. */
  readonly resumable?: Journal;
  /** Every journal file that failed to load, with its run id (from the file name) and the problem. */
  readonly broken: readonly { readonly file: string; readonly runId: string; readonly problem: string }[];
}

/** Reads every journal in dir; leftovers of failed atomic writes are removed on the way. */
export function inspectRuns(dir: string, rack: string, runbookId: string): RunsOnDisk {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { broken: [] };
  }
  removeLeftoverTemps(dir, names);
  let resumable: Journal | undefined;
  const broken: { file: string; runId: string; problem: string }[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = join(dir, name);
    let journal: Journal;
    try {
      journal = Journal.load(file);
    } catch (error) {
      broken.push({ file, runId: name.slice(0, -'.json'.length), problem: error instanceof JournalError ? error.problem : describeError(error) });
      continue;
    }
    const d = journal.data;
    if (d.state !== 'running' || d.dryRun || d.rack !== rack || d.runbookId !== runbookId) continue;
    const r = resumable?.data;
    if (!r || d.startedAt > r.startedAt || (d.startedAt === r.startedAt && d.runId > r.runId)) resumable = journal;
  }
  return { ...(resumable ? { resumable } : {}), broken };
}

/** The newest unfinished run of a runbook on a rack (broken journals are reported by inspectRuns, not here). */
export function findResumable(dir: string, rack: string, runbookId: string): Journal | undefined {
  return inspectRuns(dir, rack, runbookId).resumable;
}
