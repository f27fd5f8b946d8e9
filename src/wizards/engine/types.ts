import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs, Millis } from '../../model/time';

/**
 * Runbooks are data: ordered steps, each with what it checks first, exactly what it will do (shown before it
 * runs), how to verify it worked, and whether it destroys anything. A runner executes them through an
 * Executor; the operator (or --auto on the sim) answers through an Interaction.
 */

/** What an action does, concrete enough to show the operator before it runs and to write to the audit log. */
export type ActionSpec =
  /** A local tool, run with execa from an argument array: never a shell string. */
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly cwd?: string; readonly timeout?: Millis }
  /** An API call (metal-api, Kubernetes, S3): method and path; bodies must not carry secrets. */
  | { readonly kind: 'api'; readonly target: 'metal-api' | 'kube' | 's3'; readonly method: string; readonly path: string; readonly body?: unknown }
  /** An operation on the simulated rack, the stand-in for the real commands above. */
  | { readonly kind: 'sim'; readonly op: SimOp; readonly args: Readonly<Record<string, string | number | boolean | readonly string[]>> };

export type SimOp = 'power-on' | 'pause-backups' | 'resume-backups' | 'restore-backup' | 'wait';

export interface Action {
  /** Unique within its step; journaled so a resumed run skips actions already done. */
  readonly id: string;
  /** One line for the operator: what this does and to what. */
  readonly description: string;
  readonly spec: ActionSpec;
  /** Changes or removes data (a restore, a wipe): confirmed by the operator, never repeated after a crash. */
  readonly destructive: boolean;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

export interface Check {
  readonly description: string;
  readonly test: (ctx: StepContext) => CheckResult;
}

/** Live inputs a step sees: the newest snapshot, the answers given so far, the run's parameters. */
export interface StepContext {
  readonly snapshot: RackSnapshot;
  readonly answers: Readonly<Record<string, Answer>>;
  readonly params: Readonly<Record<string, string>>;
  /** When the incident started (from the snapshot or the operator), for judging backup versions. */
  readonly incidentStart?: EpochMs;
}

/** Questions a step may need answered before its actions are known. */
export type Question =
  /** Pick the version of one backup component to restore; the runner offers the assessed list. */
  | { readonly kind: 'choose-version'; readonly key: string; readonly componentId: string }
  /** Type a text exactly (component name and version id prefix) before a destructive step. */
  | { readonly kind: 'confirm-typed'; readonly key: string; readonly prompt: string; readonly expected: (ctx: StepContext) => string }
  /** Choose one of several options, e.g. the recovery scenario. */
  | { readonly kind: 'choose'; readonly key: string; readonly prompt: string; readonly options: (ctx: StepContext) => readonly ChoiceOption[] };

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  /** The option the wizard proposes (and --auto takes). */
  readonly preselected?: boolean;
}

export type Answer = string;

export interface Step {
  readonly id: string;
  readonly title: string;
  /** What the step is for and what to expect, in the operator's words. */
  readonly explanation: string;
  readonly destructive: boolean;
  readonly preconditions: readonly Check[];
  /** Asked in order before the actions are computed; answers are journaled and not asked again on resume. */
  readonly questions?: readonly Question[];
  readonly actions: (ctx: StepContext) => readonly Action[];
  /** Polled after the actions until it passes or the timeout ends. */
  readonly verify?: { readonly description: string; readonly test: (ctx: StepContext) => CheckResult; readonly timeout: Millis };
}

export interface Runbook {
  readonly id: 'bootstrap' | 'recover' | string;
  readonly title: string;
  readonly description: string;
  readonly steps: readonly Step[];
}

/** Runs actions. The sim executor drives the simulated rack; real executors come with the real sources. */
export interface Executor {
  readonly kind: 'sim' | 'real';
  run(action: Action, io: { readonly signal: AbortSignal; readonly output: (line: string) => void }): Promise<ActionOutcome>;
}

export interface ActionOutcome {
  readonly ok: boolean;
  readonly exitCode?: number;
  readonly error?: string;
}

export type StepState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';
export type FailureDecision = 'retry' | 'skip' | 'abort';

/** What the runner offers with a question: for a version choice, every version assessed, one preselected. */
export interface QuestionOffer {
  readonly versions?: readonly import('../version-choice').AssessedVersion[];
  readonly preselected?: string;
  readonly options?: readonly ChoiceOption[];
}

/** The operator's side of a run: the TUI wizard view, a line-based prompt, or --auto on the sim. */
export interface Interaction {
  /** Shows the step and exactly the actions it will run; the operator runs, skips or aborts it. */
  confirmStep(step: Step, actions: readonly Action[], ctx: StepContext): Promise<'run' | 'skip' | 'abort'>;
  /** Answers a question; undefined cancels the run (e.g. a wrong typed confirmation). */
  ask(question: Question, ctx: StepContext, offer: QuestionOffer): Promise<Answer | undefined>;
  /** An action or the verify failed: retry the step, skip it, or abort the run. */
  onFailure(step: Step, error: string): Promise<FailureDecision>;
}

/** Where a run's notes for the operator go (a line of text, no newline). */
export type Print = (line: string) => void;

export type RunEvent =
  | { readonly type: 'run-start'; readonly runId: string; readonly resumed: boolean; readonly at: EpochMs }
  | { readonly type: 'step-start'; readonly stepId: string; readonly at: EpochMs }
  | { readonly type: 'precondition'; readonly stepId: string; readonly check: string; readonly result: CheckResult }
  | { readonly type: 'action-start'; readonly stepId: string; readonly action: Action; readonly dryRun: boolean }
  | { readonly type: 'output'; readonly stepId: string; readonly actionId: string; readonly line: string }
  | { readonly type: 'action-end'; readonly stepId: string; readonly actionId: string; readonly outcome: ActionOutcome }
  | { readonly type: 'verify'; readonly stepId: string; readonly result: CheckResult }
  | { readonly type: 'step-end'; readonly stepId: string; readonly state: StepState; readonly at: EpochMs }
  | { readonly type: 'run-end'; readonly state: 'done' | 'aborted' | 'failed' | 'cancelled'; readonly at: EpochMs };
