import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, RackpilotError } from '../../errors';
import type { EpochMs } from '../../model/time';
import { writeFileAtomic } from './state-files';
import type { Answer, StepState } from './types';

export { defaultRunsDir, defaultStateDir, writeFileAtomic } from './state-files';

/**
 * The run journal: one JSON file per run, rewritten atomically after every state change, so that after a crash
 * (or a closed laptop) the run resumes exactly where it stopped and a finished destructive action is never repeated.
 */
export type RunState = 'running' | 'done' | 'aborted' | 'failed' | 'cancelled';
/** `planned`: shown by a dry run, never executed. `running` in a loaded journal means the run crashed during it. */
export type ActionState = 'pending' | 'running' | 'done' | 'failed' | 'planned';

export interface JournalAction {
  id: string;
  description: string;
  destructive: boolean;
  state: ActionState;
  startedAt?: EpochMs;
  endedAt?: EpochMs;
  error?: string;
}

export interface JournalStep {
  id: string;
  title: string;
  state: StepState;
  startedAt?: EpochMs;
  endedAt?: EpochMs;
  /** The last failure shown to the operator in this step. */
  error?: string;
  actions: JournalAction[];
}

export interface JournalData {
  format: 1;
  runId: string;
  runbookId: string;
  rack: string;
  operator: string;
  params: Record<string, string>;
  dryRun: boolean;
  startedAt: EpochMs;
  updatedAt: EpochMs;
  endedAt?: EpochMs;
  state: RunState;
  error?: string;
  answers: Record<string, Answer>;
  steps: JournalStep[];
}

export interface JournalInit {
  readonly runbookId: string;
  readonly rack: string;
  readonly operator: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly startedAt: EpochMs;
  readonly dryRun?: boolean;
  readonly runId?: string;
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
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const data = initialData(init);
    const journal = new Journal(data, join(dir, `${data.runId}.json`), false);
    journal.update(() => {});
    return journal;
  }

  /** A journal that lives only in memory: for dry runs, which must leave nothing resumable behind. */
  static memory(init: JournalInit): Journal {
    return new Journal(initialData(init), undefined, false);
  }

  static load(file: string): Journal {
    let data: JournalData;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as JournalData;
    } catch (error) {
      throw new RackpilotError(`cannot read run journal ${file}: ${describeError(error)}`, { cause: error });
    }
    if (data?.format !== 1 || typeof data.runId !== 'string' || !Array.isArray(data.steps)) {
      throw new RackpilotError(`${file} is not a rackpilot run journal`);
    }
    return new Journal(data, file, true);
  }

  /** Resumes the newest unfinished run of this runbook on this rack, or starts a new one. */
  static open(dir: string, init: JournalInit): Journal {
    return findResumable(dir, init.rack, init.runbookId) ?? Journal.create(dir, init);
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
    format: 1,
    runId: init.runId ?? newRunId(init.startedAt),
    runbookId: init.runbookId,
    rack: init.rack,
    operator: init.operator,
    params: { ...init.params },
    dryRun: init.dryRun ?? false,
    startedAt: init.startedAt,
    updatedAt: init.startedAt,
    state: 'running',
    answers: {},
    steps: [],
  };
}

/** The newest unfinished (crashed or killed) run of a runbook on a rack; dry runs and unreadable files are ignored. */
export function findResumable(dir: string, rack: string, runbookId: string): Journal | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  let best: Journal | undefined;
  for (const name of names) {
    let journal: Journal;
    try {
      journal = Journal.load(join(dir, name));
    } catch {
      continue;
    }
    const d = journal.data;
    if (d.state !== 'running' || d.dryRun || d.rack !== rack || d.runbookId !== runbookId) continue;
    if (!best || d.startedAt > best.data.startedAt || (d.startedAt === best.data.startedAt && d.runId > best.data.runId)) best = journal;
  }
  return best;
}
