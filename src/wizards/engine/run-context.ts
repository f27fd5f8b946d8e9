import { untilAborted } from '../../abortable';
import type { Clock } from '../../clock';
import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs, Millis } from '../../model/time';
import type { AuditLog, AuditRecord } from './audit';
import type { Journal, JournalData, JournalStep } from './journal';
import type { Executor, FailureDecision, Interaction, RunEvent, Runbook, Step, StepContext } from './types';

export interface RunOptions {
  readonly runbook: Runbook;
  readonly executor: Executor;
  readonly interaction: Interaction;
  /** The live rack: called fresh for every check, question and verify poll, never cached by the runner. */
  readonly snapshot: () => RackSnapshot;
  /** Every timestamp in the result and the journal comes from here (a drill may run the sim on a fast clock). */
  readonly clock: Clock;
  /** Where progress is persisted; a journal from inspectRuns resumes that run. Dry runs never write to a file journal. */
  readonly journal?: Journal;
  readonly audit: AuditLog;
  /** `user@host`, see operatorName(). */
  readonly operator: string;
  readonly rack: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Show every action and ask every question, run nothing. */
  readonly dryRun?: boolean;
  readonly onEvent?: (event: RunEvent) => void;
  /** @default 2000 */
  readonly verifyPollInterval?: Millis;
  /**
   * Aborts the run at once (Ctrl-C, SIGTERM, SIGHUP): a prompt waiting for an answer is given up, the running
   * action gets the signal, and the run ends as aborted.
   */
  readonly signal?: AbortSignal;
  /** Wall-clock time, for the operator's time. @default Date.now */
  readonly wallNow?: () => number;
}

export const DEFAULT_VERIFY_POLL: Millis = 2000;

/** What a phase of a step asks the runner to do next. */
export type Flow = 'ok' | 'skip' | 'abort' | 'cancel';

/** Shared state of one run: the options, its journal and the small helpers every phase needs. */
export class RunContext {
  /** Why the run was cancelled (a wrong or missing answer), for the result and the journal. */
  reason?: string;

  constructor(
    readonly o: RunOptions,
    readonly journal: Journal,
    readonly signal: AbortSignal,
  ) {}

  get dryRun(): boolean {
    return this.o.dryRun === true;
  }

  now(): EpochMs {
    return this.o.clock.now();
  }

  emit(event: RunEvent): void {
    try {
      this.o.onEvent?.(event);
    } catch {
      // A broken progress view must not break a restore half way.
    }
  }

  audit(entry: Omit<AuditRecord, 'operator' | 'rack' | 'runbook' | 'runId' | 'dryRun' | 'at'>): void {
    const d = this.journal.data;
    this.o.audit.record({ operator: this.o.operator, rack: this.o.rack, runbook: this.o.runbook.id, runId: d.runId, at: this.now(), dryRun: this.dryRun, ...entry });
  }

  update(change: (data: JournalData) => void): void {
    this.journal.update((data) => {
      change(data);
      data.updatedAt = Math.max(data.updatedAt, this.now());
    });
  }

  stepEntry(step: Step): JournalStep {
    return this.journal.step(step.id, step.title);
  }

  stepContext(step?: Step): StepContext {
    const choice = step ? this.journal.data.choices[step.id] : undefined;
    const d = this.journal.data;
    return { snapshot: this.o.snapshot(), runId: d.runId, params: d.params, ...(choice ? { choice } : {}) };
  }

  /**
   * Waits for the operator. The wait ends at once when the run is aborted (nobody may be there to answer), a
   * simulated clock stands still meanwhile, and the time a person spent is journaled as operator time.
   */
  async ask<T>(question: () => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    const human = this.o.interaction.answeredBy === 'human';
    const release = human ? this.o.clock.hold?.() : undefined;
    const wall = this.o.wallNow ?? Date.now;
    const started = wall();
    try {
      return await untilAborted(question(), this.signal);
    } finally {
      release?.();
      const spent = Math.max(0, Math.round(wall() - started));
      if (human && spent > 0) {
        this.update((d) => {
          d.operatorMs += spent;
        });
      }
    }
  }

  /** Something failed: the step is journaled as failed while the operator decides, and the decision is audited. */
  async failure(step: Step, error: string): Promise<FailureDecision> {
    const entry = this.stepEntry(step);
    this.update(() => {
      entry.state = 'failed';
      entry.error = error;
    });
    const decision = await this.ask(() => this.o.interaction.onFailure(step, error));
    this.audit({ event: 'decision', step: step.id, outcome: decision, error });
    if (decision === 'retry') {
      this.update(() => {
        entry.state = 'running';
      });
    }
    return decision;
  }
}
