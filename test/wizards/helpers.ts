import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { sleep } from '../../src/wizards/engine/sleep';
import type { Action, Answer, Executor, FailureDecision, Interaction, Question, QuestionOffer, Runbook, Step } from '../../src/wizards/engine/types';
import { backupOf } from '../fixtures/snapshot-builder';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh state directory per test, removed afterwards. */
export function tmpState(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-wizards-'));
  dirs.push(dir);
  return dir;
}

/** Advances a virtual clock in steps until the promise settles (timers in the run fire on the way). */
export async function drive<T>(clock: VirtualClock, promise: Promise<T>, step = 1000, maxSteps = 100_000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < maxSteps && !settled; i++) await clock.advance(step);
  return promise;
}

/** Records what ran; `failTimes` makes an action fail that many times first; `ms` in a spec takes clock time. */
export class FakeExecutor implements Executor {
  readonly kind = 'sim';
  readonly ran: string[] = [];
  readonly failTimes = new Map<string, number>();
  clock?: VirtualClock;
  onRun?: (action: Action) => void;

  async run(action: Action, io: { signal: AbortSignal; output: (line: string) => void }) {
    this.ran.push(action.id);
    this.onRun?.(action);
    io.output(`running ${action.id}`);
    const ms = action.spec.kind === 'sim' ? action.spec.args.ms : undefined;
    if (this.clock && typeof ms === 'number') await sleep(this.clock, ms, io.signal);
    const left = this.failTimes.get(action.id) ?? 0;
    if (left > 0) {
      this.failTimes.set(action.id, left - 1);
      return { ok: false, exitCode: 1, error: `${action.id} broke` };
    }
    return { ok: true, exitCode: 0 };
  }
}

/** An operator who follows a script: answers by key, decisions in order (then abort), a confirm per step. */
export function scriptedOperator(script: {
  answers?: Record<string, Answer | undefined | ((offer: QuestionOffer) => Answer | undefined)>;
  decisions?: (FailureDecision | (() => FailureDecision | Promise<FailureDecision>))[];
  confirm?: Record<string, 'run' | 'skip' | 'abort'>;
}) {
  const log = { confirmed: [] as string[], asked: [] as string[], offers: {} as Record<string, QuestionOffer>, failures: [] as string[] };
  const interaction: Interaction = {
    async confirmStep(step) {
      log.confirmed.push(step.id);
      return script.confirm?.[step.id] ?? 'run';
    },
    async ask(question: Question, ctx, offer) {
      log.asked.push(question.key);
      log.offers[question.key] = offer;
      const a = script.answers?.[question.key];
      if (typeof a === 'function') return a(offer);
      if (a === undefined && question.kind === 'confirm-typed' && !(question.key in (script.answers ?? {}))) return question.expected(ctx);
      return a;
    },
    async onFailure(_step: Step, error: string) {
      log.failures.push(error);
      const next = script.decisions?.shift() ?? 'abort';
      return typeof next === 'function' ? next() : next;
    },
  };
  return { interaction, log };
}

const sim = (op: 'pause-backups' | 'resume-backups' | 'restore-backup' | 'wait', args: Record<string, string | number>) => ({ kind: 'sim' as const, op, args });

/**
 * A tiny restore: fence the backups, restore a chosen version (typed confirmation), resume. The restore step
 * has a harmless download before and a harmless note after the destructive restore, to test resume and retry.
 */
export function tinyRestore(opts: { fenceOk?: () => boolean; verifyOk?: (now: number) => boolean; verifyTimeout?: number } = {}): Runbook {
  return {
    id: 'tiny-restore',
    title: 'Tiny restore',
    description: 'restores metal-db',
    steps: [
      {
        id: 'fence',
        title: 'Pause backups',
        explanation: 'no upload may push good versions out',
        destructive: false,
        preconditions: [{ description: 'backup store reachable', test: () => ({ ok: opts.fenceOk?.() ?? true, detail: 'store unreachable' }) }],
        actions: () => [{ id: 'pause', description: 'pause metal-db backups', spec: sim('pause-backups', { component: 'metal-db' }), destructive: false }],
      },
      {
        id: 'restore',
        title: 'Restore metal-db',
        explanation: 'restores the chosen version',
        destructive: true,
        preconditions: [],
        questions: [
          { kind: 'choose-version', key: 'version', componentId: 'metal-db' },
          { kind: 'confirm-typed', key: 'typed', prompt: 'type metal-db and the version', expected: (ctx) => `metal-db ${(ctx.answers.version ?? '').slice(0, 8)}` },
        ],
        actions: (ctx) => [
          { id: 'download', description: 'download the version', spec: sim('wait', { ms: 1000 }), destructive: false },
          { id: 'restore', description: `restore metal-db ${ctx.answers.version}`, spec: sim('restore-backup', { component: 'metal-db', version: ctx.answers.version ?? '' }), destructive: true },
          { id: 'note', description: 'note the restore', spec: sim('wait', { ms: 1000 }), destructive: false },
        ],
        verify: { description: 'metal-db answers', test: (ctx) => ({ ok: opts.verifyOk?.(ctx.snapshot.takenAt) ?? true, detail: 'metal-db not answering yet' }), timeout: opts.verifyTimeout ?? 10_000 },
      },
      {
        id: 'resume',
        title: 'Resume backups',
        explanation: 'backups run again',
        destructive: false,
        preconditions: [],
        actions: () => [{ id: 'resume', description: 'resume metal-db backups', spec: sim('resume-backups', { component: 'metal-db' }), destructive: false }],
      },
    ],
  };
}

/** The healthy fixture rack, taken at the clock's time, so a verify sees time move. */
export function liveSnapshot(base: RackSnapshot, clock: { now(): number }): () => RackSnapshot {
  return () => ({ ...base, takenAt: clock.now() });
}

export const newestVersion = (s: RackSnapshot) => backupOf(s, 'metal-db').versions[0]?.versionId ?? '';
