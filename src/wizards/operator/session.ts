import type { ResumeDecision, UnfinishedRun } from '../engine/durable';
import type {
  Action,
  ByHandCheck,
  ByHandDecision,
  FailureDecision,
  Interaction,
  RunEvent,
  Runbook,
  Step,
  StepState,
  TypedConfirmation,
  VersionAnswer,
  VersionOffer,
} from '../engine/types';

/** A prompt the runner is waiting on; the view shows it and resolves it from key presses. */
export type Prompt =
  | { readonly kind: 'confirm-step'; readonly step: Step; readonly actions: readonly Action[]; readonly resolve: (d: 'run' | 'skip' | 'abort') => void }
  | { readonly kind: 'failure'; readonly step: Step; readonly error: string; readonly resolve: (d: FailureDecision) => void }
  | { readonly kind: 'by-hand'; readonly step: Step; readonly check: ByHandCheck; readonly resolve: (d: ByHandDecision) => void }
  | {
      readonly kind: 'confirm-typed';
      readonly step: Step;
      readonly actions: readonly Action[];
      readonly request: TypedConfirmation;
      readonly resolve: (typed: string | undefined) => void;
    }
  | { readonly kind: 'choose-version'; readonly step: Step; readonly offer: VersionOffer; readonly resolve: (a: VersionAnswer | undefined) => void }
  | { readonly kind: 'resume'; readonly run: UnfinishedRun; readonly resolve: (d: ResumeDecision) => void };

export interface SessionStep {
  readonly id: string;
  readonly title: string;
  readonly destructive: boolean;
  readonly state: StepState;
  readonly startedAt?: number;
  readonly endedAt?: number;
}

/** One line of the log; the same progress line again only counts up, with the time it was first seen. */
export interface LogLine {
  readonly text: string;
  readonly repeat: number;
  /** Run-clock times: first and last seen, and when a wait gives up. */
  readonly since?: number;
  readonly last?: number;
  readonly until?: number;
}

export interface SessionState {
  readonly runbook: Runbook;
  readonly steps: readonly SessionStep[];
  readonly currentStepId?: string;
  /** The actions of the current step as last shown (planned, then running). */
  readonly actions: readonly { readonly action: Action; readonly state: 'planned' | 'running' | 'done' | 'failed' }[];
  readonly log: readonly LogLine[];
  /** Shown above the steps until the run ends: what the wizard found, a resumed run, a scenario asked for but not used. */
  readonly notes: readonly string[];
  readonly prompt?: Prompt;
  readonly ended?: Extract<RunEvent, { type: 'run-end' }>;
  /** The end-of-run summary (what was done, what is still changed, how to undo it). */
  readonly summary?: readonly string[];
  /** A dry run's plan: every step's actions as they would run, by step id. */
  readonly planned: ReadonlyMap<string, readonly Action[]>;
  readonly dryRun: boolean;
}

const LOG_LINES = 200;

/**
 * The state of one wizard run, kept outside React: the runner reports events and waits on prompts through the
 * Interaction this session implements; views subscribe and resolve prompts from key presses.
 */
export class WizardSession implements Interaction {
  readonly answeredBy = 'human';
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(runbook: Runbook, dryRun = false) {
    this.state = { runbook, dryRun, steps: stepsOf(runbook), actions: [], log: [], notes: [], planned: new Map() };
  }

  /** Starts over with another runbook (a drill builds its runbook only once its failure has developed). */
  reset(runbook: Runbook): void {
    this.set({ runbook, steps: stepsOf(runbook), currentStepId: undefined, actions: [], log: [], prompt: undefined, ended: undefined, summary: undefined, planned: new Map() });
  }

  /** A line worth reading before the steps, e.g. the scenario the wizard found. */
  note(line: string): void {
    this.set({ notes: [...this.state.notes, line] });
  }

  /** Adds a line to the log. */
  log(text: string, at?: number, until?: number): void {
    const log = [...this.state.log];
    const last = log.at(-1);
    if (last && last.text === text) log[log.length - 1] = { ...last, repeat: last.repeat + 1, ...(at !== undefined ? { last: at } : {}), ...(until !== undefined ? { until } : {}) };
    else log.push({ text, repeat: 1, ...(at !== undefined ? { since: at, last: at } : {}), ...(until !== undefined ? { until } : {}) });
    this.set({ log: log.length > LOG_LINES ? log.slice(-LOG_LINES) : log });
  }

  showSummary(lines: readonly string[]): void {
    this.set({ summary: lines, prompt: undefined });
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
        this.set({ actions: this.upsertAction(e.action) });
        if (e.dryRun) this.set({ planned: new Map([...this.state.planned, [e.stepId, [...(this.state.planned.get(e.stepId) ?? []), e.action]]]) });
        break;
      case 'action-end':
        this.set({ actions: this.state.actions.map((a) => (a.action.id === e.actionId ? { ...a, state: e.outcome.ok ? 'done' : 'failed' } : a)) });
        if (!e.outcome.ok) this.log(`failed: ${e.outcome.error ?? `exit ${e.outcome.exitCode}`}`);
        break;
      case 'output':
        this.log(e.line);
        break;
      case 'precondition':
        if (e.result.byHand !== undefined) {
          if (this.state.dryRun) this.log(`(dry run) would ask you to confirm by hand: ${e.check} (${e.result.detail})`);
        } else if (!e.result.ok) this.log(`${this.state.dryRun ? '(dry run) would need' : 'precondition not met'}: ${e.check}: ${e.result.detail}`);
        break;
      case 'by-hand':
        this.log(`${e.decision === 'confirmed' ? 'confirmed by hand' : 'not confirmed by hand'}: ${e.check.description}`);
        break;
      case 'verify':
        if (e.result.byHand !== undefined) break;
        this.log(`${e.result.ok ? 'verified' : 'waiting'}: ${e.result.detail}`, e.at, e.result.ok ? undefined : e.deadline);
        break;
      case 'answer':
        this.log(`chosen: ${e.choice.componentId} ${e.choice.name}${e.choice.flags.length ? ` (OVERRIDE: ${e.choice.flags.join(', ')})` : ''}`);
        break;
      case 'step-end':
        this.set({ steps: this.patchStep(e.stepId, { state: e.state, endedAt: e.at }) });
        break;
      case 'run-end':
        this.set({ ended: e, prompt: undefined });
        break;
      case 'typed-confirmation':
        if (e.dryRun) this.log(`(dry run) would ask you to type exactly: ${e.request.text}`);
        break;
      case 'run-start':
      case 'question':
        break;
    }
  };

  confirmStep(step: Step, actions: readonly Action[]): Promise<'run' | 'skip' | 'abort'> {
    this.set({ actions: actions.map((action) => ({ action, state: 'planned' as const })) });
    return this.prompt<'run' | 'skip' | 'abort'>((resolve) => ({ kind: 'confirm-step', step, actions, resolve }));
  }

  confirmTyped(step: Step, actions: readonly Action[], request: TypedConfirmation): Promise<string | undefined> {
    this.set({ actions: actions.map((action) => ({ action, state: 'planned' as const })) });
    return this.prompt<string | undefined>((resolve) => ({ kind: 'confirm-typed', step, actions, request, resolve }));
  }

  chooseVersion(step: Step, offer: VersionOffer): Promise<VersionAnswer | undefined> {
    return this.prompt<VersionAnswer | undefined>((resolve) => ({ kind: 'choose-version', step, offer, resolve }));
  }

  onFailure(step: Step, error: string): Promise<FailureDecision> {
    return this.prompt<FailureDecision>((resolve) => ({ kind: 'failure', step, error, resolve }));
  }

  confirmByHand(step: Step, check: ByHandCheck): Promise<ByHandDecision> {
    return this.prompt<ByHandDecision>((resolve) => ({ kind: 'by-hand', step, check, resolve }));
  }

  /** The notes that went with the resume question are answered once it is: they leave the screen. */
  offerResume(run: UnfinishedRun): Promise<ResumeDecision> {
    return this.prompt<ResumeDecision>((resolve) => ({ kind: 'resume', run, resolve })).then((decision) => {
      this.set({ notes: [] });
      return decision;
    });
  }

  /** The run was aborted: nobody answers the open prompt any more (the runner has stopped waiting for it). */
  dropPrompt(): void {
    this.set({ prompt: undefined });
  }

  /** Shows a prompt; it is cleared before the runner hears the answer, so one key press cannot answer two. */
  private prompt<T>(make: (resolve: (value: T) => void) => Prompt): Promise<T> {
    return new Promise<T>((resolve) => {
      this.set({
        prompt: make((value: T) => {
          this.set({ prompt: undefined });
          resolve(value);
        }),
      });
    });
  }

  private patchStep(id: string, patch: Partial<SessionStep>): SessionStep[] {
    return this.state.steps.map((s) => (s.id === id ? { ...s, ...patch } : s));
  }

  private upsertAction(action: Action): SessionState['actions'] {
    const known = this.state.actions.some((a) => a.action.id === action.id);
    return known ? this.state.actions.map((a) => (a.action.id === action.id ? { ...a, state: 'running' as const } : a)) : [...this.state.actions, { action, state: 'running' }];
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

function stepsOf(runbook: Runbook): SessionStep[] {
  return runbook.steps.map((s) => ({ id: s.id, title: s.title, destructive: s.destructive, state: 'pending' }));
}
