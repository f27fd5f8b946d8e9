import type { BackupComponent, BackupVerdict, VersionFlag } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs, Millis } from '../../model/time';
import type { Effect, RealCall } from './calls';

export type { Effect, RealCall } from './calls';

/**
 * Runbooks are data: ordered steps, each with what it checks first, exactly what it will do (shown before it
 * runs), how to verify it worked, and whether it destroys anything. A runner executes them through an Executor;
 * the operator (or --auto on the sim) answers through an Interaction.
 */
export interface Action {
  /** Unique within its step; journaled so a resumed run skips actions already done. */
  readonly id: string;
  /** One line for the operator: what this does and to what. */
  readonly description: string;
  /** What it changes on the rack, in the rack's terms: the simulator performs this; the summary reads it. */
  readonly effect: Effect;
  /** What a real executor runs, in order (argv arrays and API calls): shown before the action runs. */
  readonly calls: readonly RealCall[];
  /** Changes or removes data (a restore, a wipe): confirmed by the operator, never repeated after a crash. */
  readonly destructive: boolean;
  /**
   * false: what it does is unknown once a crash cut it off (a playbook half run), so a resumed run asks before
   * running it again, as for a destructive action. Absent: harmless to repeat (a scale, a wait, a promote that
   * checks first).
   */
  readonly idempotent?: boolean;
  /** How to take back what this leaves changed (e.g. start a database it stopped), for the end-of-run summary. */
  readonly undo?: { readonly what: string; readonly calls: readonly RealCall[] };
}

export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
  /**
   * The check has no live source to read (its source is not configured): what the operator must check by hand.
   * The runner never passes such a check by itself: it asks the operator to confirm (see Interaction.confirmByHand).
   */
  readonly byHand?: string;
}

export interface Check {
  readonly description: string;
  readonly test: (ctx: StepContext) => CheckResult;
}

/** Live inputs a step sees: the newest snapshot, this step's chosen version, the run's parameters. */
export interface StepContext {
  readonly snapshot: RackSnapshot;
  readonly runId: string;
  readonly params: Readonly<Record<string, string>>;
  /** The version the operator chose in this step, once chosen. */
  readonly choice?: VersionChoice;
}

/**
 * The one question a runbook asks: which version of a backup component to restore. The runner offers the backup
 * judge's verdict (every version, the proposal); the operator picks one and confirms it by typing.
 */
export interface VersionQuestion {
  readonly componentId: string;
}

/** What the operator answered: a version, and the text typed to confirm it (checked by the runner). */
export interface VersionAnswer {
  readonly versionId: string;
  readonly typed: string;
}

/** A checked answer, as journaled and reported: what was chosen against what was proposed. */
export interface VersionChoice {
  readonly componentId: string;
  readonly versionId: string;
  /** The name an operator knows it by: the VersionId, or a snapshot's name (k3s, etcd-backup-restore). */
  readonly name: string;
  readonly versionTime: EpochMs;
  readonly size: number;
  /** The judge's proposal when the question was asked (absent: none looked good). */
  readonly proposed?: string;
  /** The judge's flags on the chosen version: non-empty means the operator overrode a warning. */
  readonly flags: readonly VersionFlag[];
  /** The newest version listed when it was chosen: anything newer later is an upload since the choice. */
  readonly newestSeen?: string;
}

/** What the operator must type to run a step, and what they read first (besides the step's calls). */
export interface TypedConfirmation {
  readonly text: string;
  /** Exactly what will be done, in the operator's words, one line each. */
  readonly what: readonly string[];
}

/** What the runner offers with a version question. */
export interface VersionOffer {
  readonly component: BackupComponent;
  readonly verdict: BackupVerdict;
  readonly incidentStart?: EpochMs;
  /** When the snapshot it was judged from was taken (ages are measured from here, not the wall clock). */
  readonly takenAt: EpochMs;
}

export interface Step {
  readonly id: string;
  readonly title: string;
  /** What the step is for and what to expect, in the operator's words. */
  readonly explanation: string;
  readonly destructive: boolean;
  readonly preconditions: readonly Check[];
  /** Asked before the actions are computed; the answer is journaled and not asked again on resume. */
  readonly question?: VersionQuestion;
  readonly actions: (ctx: StepContext) => readonly Action[];
  /**
   * A step that destroys something on purpose (a drill's injection) is confirmed by typing, not by a key: the text
   * to type and exactly what will be done, from the live snapshot. The runner checks what was typed.
   */
  readonly typed?: (ctx: StepContext) => TypedConfirmation;
  /** Polled after the actions until it passes or the timeout ends. */
  readonly verify?: { readonly description: string; readonly test: (ctx: StepContext) => CheckResult; readonly timeout: Millis };
}

export interface Runbook {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly steps: readonly Step[];
}

/** Runs actions: the sim executor performs their effects on the simulated rack; a real one runs their calls. */
export interface Executor {
  readonly kind: 'sim' | 'real';
  run(action: Action, io: { readonly signal: AbortSignal; readonly output: (line: string) => void }): Promise<ActionOutcome>;
}

export interface ActionOutcome {
  readonly ok: boolean;
  readonly exitCode?: number;
  readonly error?: string;
}

export type StepState = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'planned';
export type FailureDecision = 'retry' | 'skip' | 'abort';

/** The operator's side of a run: the full-screen wizard, a line prompt, or --auto on the sim. */
export interface Interaction {
  /**
   * `human`: a person answers, so the simulated clock stops while they read and the time counts as operator
   * time. `auto` answers at once and may wait on the run's clock itself (retry delays).
   */
  readonly answeredBy: 'human' | 'auto';
  /** Shows the step and exactly the actions it will run; the operator runs, skips or aborts it. */
  confirmStep(step: Step, actions: readonly Action[], ctx: StepContext): Promise<'run' | 'skip' | 'abort'>;
  /**
   * A step with a typed confirmation (instead of confirmStep): shows what it will do and returns what was typed;
   * undefined or a text that does not match cancels the run before anything is done.
   */
  confirmTyped(step: Step, actions: readonly Action[], request: TypedConfirmation, ctx: StepContext): Promise<string | undefined>;
  /** Pick a version and type its confirmation; undefined cancels the run (nothing is restored). */
  chooseVersion(step: Step, offer: VersionOffer, ctx: StepContext): Promise<VersionAnswer | undefined>;
  /** An action or the verify failed: retry the step, skip it, or abort the run. */
  onFailure(step: Step, error: string): Promise<FailureDecision>;
  /**
   * A check no live source can answer: the operator checks it by hand and confirms, or aborts. Without this
   * method the runner asks through onFailure instead (retry, skip or abort), so such a check never passes alone.
   */
  confirmByHand?(step: Step, check: ByHandCheck): Promise<ByHandDecision>;
}

/** What the operator is asked to check by hand, and why no source could. */
export interface ByHandCheck {
  /** The check, e.g. "k3s answering, every node Ready". */
  readonly description: string;
  /** Why it cannot be read: e.g. "no kubernetes.initial context in the config". */
  readonly why: string;
  /** What to look at, e.g. "kubectl get nodes on the bootstrap node". */
  readonly instruction: string;
}

export type ByHandDecision = 'confirmed' | 'abort';

/** Where a run's notes for the operator go (a line of text, no newline). */
export type Print = (line: string) => void;

export type RunEvent =
  | { readonly type: 'run-start'; readonly runId: string; readonly resumed: boolean; readonly at: EpochMs }
  | { readonly type: 'step-start'; readonly stepId: string; readonly at: EpochMs }
  | { readonly type: 'precondition'; readonly stepId: string; readonly check: string; readonly result: CheckResult }
  | { readonly type: 'question'; readonly stepId: string; readonly offer: VersionOffer }
  | { readonly type: 'answer'; readonly stepId: string; readonly choice: VersionChoice }
  /** A step that needs typing: shown before the question (and by a dry run, which asks nothing). */
  | { readonly type: 'typed-confirmation'; readonly stepId: string; readonly request: TypedConfirmation; readonly dryRun: boolean }
  | { readonly type: 'action-start'; readonly stepId: string; readonly action: Action; readonly dryRun: boolean }
  | { readonly type: 'output'; readonly stepId: string; readonly actionId: string; readonly line: string }
  | { readonly type: 'action-end'; readonly stepId: string; readonly actionId: string; readonly outcome: ActionOutcome }
  | { readonly type: 'verify'; readonly stepId: string; readonly result: CheckResult; readonly at: EpochMs; readonly deadline: EpochMs }
  | { readonly type: 'by-hand'; readonly stepId: string; readonly check: ByHandCheck; readonly decision: ByHandDecision }
  | { readonly type: 'step-end'; readonly stepId: string; readonly state: StepState; readonly at: EpochMs }
  | { readonly type: 'run-end'; readonly state: RunOutcome; readonly at: EpochMs; readonly reason?: string };

export type RunOutcome = 'done' | 'aborted' | 'failed' | 'cancelled';
