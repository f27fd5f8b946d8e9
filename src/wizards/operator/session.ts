import type { AssessedVersion } from '../version-choice';
import type {
  Action,
  Answer,
  FailureDecision,
  Interaction,
  Question,
  QuestionOffer,
  RunEvent,
  Runbook,
  Step,
  StepContext,
  StepState,
} from '../engine/types';

/** A prompt the runner is waiting on; the view shows it and resolves it from a key press. */
export type Prompt =
  | { readonly kind: 'confirm-step'; readonly step: Step; readonly actions: readonly Action[]; readonly resolve: (d: 'run' | 'skip' | 'abort') => void }
  | { readonly kind: 'failure'; readonly step: Step; readonly error: string; readonly resolve: (d: FailureDecision) => void }
  | {
      readonly kind: 'question';
      readonly question: Question;
      readonly offer: QuestionOffer;
      readonly ctx: StepContext;
      readonly resolve: (a: Answer | undefined) => void;
    };

export interface SessionStep {
  readonly id: string;
  readonly title: string;
  readonly destructive: boolean;
  readonly state: StepState;
  readonly startedAt?: number;
  readonly endedAt?: number;
}

export interface SessionState {
  readonly runbook: Runbook;
  readonly steps: readonly SessionStep[];
  readonly currentStepId?: string;
  /** The actions of the current step as last shown (planned, then running). */
  readonly actions: readonly { readonly action: Action; readonly state: 'planned' | 'running' | 'done' | 'failed' }[];
  /** The last lines of output, newest last. */
  readonly output: readonly string[];
  readonly prompt?: Prompt;
  readonly ended?: RunEvent & { type: 'run-end' };
  readonly dryRun: boolean;
}

const OUTPUT_LINES = 200;

/**
 * The state of one wizard run, kept outside React: the runner reports events and waits on prompts through
 * the Interaction this session implements; views subscribe and resolve prompts from key presses.
 */
export class WizardSession implements Interaction {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(runbook: Runbook, dryRun = false) {
    this.state = {
      runbook,
      dryRun,
      steps: runbook.steps.map((s) => ({ id: s.id, title: s.title, destructive: s.destructive, state: 'pending' })),
      actions: [],
      output: [],
    };
  }

  /** Starts over with another runbook (a drill builds its runbook only once its failure has developed). */
  reset(runbook: Runbook): void {
    this.set({
      runbook,
      steps: runbook.steps.map((s) => ({ id: s.id, title: s.title, destructive: s.destructive, state: 'pending' })),
      currentStepId: undefined,
      actions: [],
      output: [],
      prompt: undefined,
      ended: undefined,
    });
  }

  /** Adds a line to the output, e.g. a drill's result. */
  note(line: string): void {
    this.log(line);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.state;

  /** Feed for the runner's onEvent. */
  onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'step-start':
        this.set({ currentStepId: e.stepId, actions: [], steps: this.patchStep(e.stepId, { state: 'running', startedAt: e.at }) });
        break;
      case 'action-start':
        this.set({ actions: this.upsertAction(e.action, 'running') });
        if (e.dryRun) this.log(`(dry run) would run: ${e.action.description}`);
        break;
      case 'action-end':
        this.set({
          actions: this.state.actions.map((a) =>
            a.action.id === e.actionId ? { ...a, state: e.outcome.ok ? 'done' : 'failed' } : a,
          ),
        });
        if (!e.outcome.ok) this.log(`failed: ${e.outcome.error ?? `exit ${e.outcome.exitCode}`}`);
        break;
      case 'output':
        this.log(e.line);
        break;
      case 'precondition':
        if (!e.result.ok) this.log(`precondition not met: ${e.check}: ${e.result.detail}`);
        break;
      case 'verify':
        this.log(`${e.result.ok ? 'verified' : 'waiting'}: ${e.result.detail}`);
        break;
      case 'step-end':
        this.set({ steps: this.patchStep(e.stepId, { state: e.state, endedAt: e.at }) });
        break;
      case 'run-end':
        this.set({ ended: e, prompt: undefined });
        break;
      case 'run-start':
        if (e.resumed) this.log('resuming an interrupted run: completed steps are not repeated');
        break;
    }
  };

  confirmStep(step: Step, actions: readonly Action[]): Promise<'run' | 'skip' | 'abort'> {
    this.set({ actions: actions.map((action) => ({ action, state: 'planned' as const })) });
    return new Promise((resolve) =>
      this.show({
        kind: 'confirm-step',
        step,
        actions,
        resolve: (d) => {
          this.clearPrompt();
          resolve(d);
        },
      }),
    );
  }

  ask(question: Question, ctx: StepContext, offer: QuestionOffer): Promise<Answer | undefined> {
    return new Promise((resolve) =>
      this.show({
        kind: 'question',
        question,
        offer,
        ctx,
        resolve: (a) => {
          this.clearPrompt();
          resolve(a);
        },
      }),
    );
  }

  onFailure(step: Step, error: string): Promise<FailureDecision> {
    return new Promise((resolve) =>
      this.show({
        kind: 'failure',
        step,
        error,
        resolve: (d) => {
          this.clearPrompt();
          resolve(d);
        },
      }),
    );
  }

  /** The versions offered for the pending version question, if any. */
  offeredVersions(): readonly AssessedVersion[] {
    const p = this.state.prompt;
    return p?.kind === 'question' ? (p.offer.versions ?? []) : [];
  }

  private show(prompt: Prompt): void {
    this.set({ prompt });
  }

  /** Cleared before the runner hears the answer, so one key press cannot answer two prompts. */
  private clearPrompt(): void {
    this.set({ prompt: undefined });
  }

  private log(line: string): void {
    const output = [...this.state.output, line];
    this.set({ output: output.length > OUTPUT_LINES ? output.slice(-OUTPUT_LINES) : output });
  }

  private patchStep(id: string, patch: Partial<SessionStep>): SessionStep[] {
    return this.state.steps.map((s) => (s.id === id ? { ...s, ...patch } : s));
  }

  private upsertAction(action: Action, state: 'running'): SessionState['actions'] {
    const known = this.state.actions.some((a) => a.action.id === action.id);
    return known
      ? this.state.actions.map((a) => (a.action.id === action.id ? { ...a, state } : a))
      : [...this.state.actions, { action, state }];
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }
}
