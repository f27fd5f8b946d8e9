import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { sleep } from '../../src/wizards/engine/sleep';
import { confirmationText } from '../../src/backups/judge';
import type { Action, Effect, Executor, FailureDecision, Interaction, Runbook, Step, TypedConfirmation, VersionAnswer, VersionOffer } from '../../src/wizards/engine/types';
import { backupOf, judged } from '../fixtures/snapshot-builder';

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
    const ms = action.effect.op === 'wait' ? action.effect.ms : undefined;
    if (this.clock && typeof ms === 'number') await sleep(this.clock, ms, io.signal);
    const left = this.failTimes.get(action.id) ?? 0;
    if (left > 0) {
      this.failTimes.set(action.id, left - 1);
      return { ok: false, exitCode: 1, error: `${action.id} broke` };
    }
    return { ok: true, exitCode: 0 };
  }
}

/**
 * An operator who follows a script: per component a version (a function of the offer; default the proposal) and
 * what to type (default the right confirmation), decisions in order (then abort), a confirm per step.
 */
export function scriptedOperator(script: {
  versions?: Record<string, (offer: VersionOffer) => string | undefined>;
  typed?: Record<string, (expected: string) => string>;
  /** What to type at a step confirmed by typing, by step id (default the right text; undefined cancels). */
  typedSteps?: Record<string, (expected: string) => string | undefined>;
  decisions?: (FailureDecision | (() => FailureDecision | Promise<FailureDecision>))[];
  confirm?: Record<string, 'run' | 'skip' | 'abort'>;
}) {
  const log = { confirmed: [] as string[], asked: [] as string[], offers: {} as Record<string, VersionOffer>, failures: [] as string[], typedShown: [] as TypedConfirmation[] };
  const interaction: Interaction = {
    answeredBy: 'human',
    async confirmStep(step) {
      log.confirmed.push(step.id);
      return script.confirm?.[step.id] ?? 'run';
    },
    async confirmTyped(step, _actions, request) {
      log.confirmed.push(step.id);
      log.typedShown.push(request);
      const answer = script.typedSteps?.[step.id];
      return answer ? answer(request.text) : request.text;
    },
    async chooseVersion(_step, offer): Promise<VersionAnswer | undefined> {
      const id = offer.component.id;
      log.asked.push(id);
      log.offers[id] = offer;
      const pick = script.versions?.[id] ?? ((o: VersionOffer) => o.verdict.proposal?.version.versionId);
      const versionId = pick(offer);
      const chosen = offer.verdict.versions.find((v) => v.version.versionId === versionId);
      if (!versionId || !chosen) return versionId ? { versionId, typed: '' } : undefined;
      const expected = confirmationText(offer.component, chosen);
      return { versionId, typed: script.typed?.[id]?.(expected) ?? expected };
    },
    async onFailure(_step: Step, error: string) {
      log.failures.push(error);
      const next = script.decisions?.shift() ?? 'abort';
      return typeof next === 'function' ? next() : next;
    },
  };
  return { interaction, log };
}

const act = (id: string, description: string, effect: Effect, destructive = false): Action => ({ id, description, effect, calls: [{ kind: 'command', argv: ['echo', id] }], destructive });

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
        actions: () => [{ ...act('pause', 'pause metal-db backups', { op: 'stop-database', component: 'metal-db' }), undo: { what: 'metal-db is STILL STOPPED', calls: [{ kind: 'command', argv: ['start', 'metal-db'] }] } }],
      },
      {
        id: 'restore',
        title: 'Restore metal-db',
        explanation: 'restores the chosen version',
        destructive: true,
        preconditions: [],
        question: { componentId: 'metal-db' },
        actions: (ctx) => [
          act('download', 'download the version', { op: 'wait', ms: 1000 }),
          act('restore', `restore metal-db ${ctx.choice?.versionId}`, { op: 'restore-snapshot', component: 'metal-db', versionId: ctx.choice?.versionId ?? '' }, true),
          act('note', 'note the restore', { op: 'wait', ms: 1000 }),
        ],
        verify: { description: 'metal-db answers', test: (ctx) => ({ ok: opts.verifyOk?.(ctx.snapshot.takenAt) ?? true, detail: 'metal-db not answering yet' }), timeout: opts.verifyTimeout ?? 10_000 },
      },
      {
        id: 'resume',
        title: 'Resume backups',
        explanation: 'backups run again',
        destructive: false,
        preconditions: [],
        actions: () => [act('resume', 'resume metal-db backups', { op: 'start-database', component: 'metal-db' })],
      },
    ],
  };
}

/** The healthy fixture rack, taken at the clock's time, so a verify sees time move. */
export function liveSnapshot(base: RackSnapshot, clock: { now(): number }): () => RackSnapshot {
  return () => judged({ ...base, takenAt: clock.now() });
}

export const newestVersion = (s: RackSnapshot) => backupOf(s, 'metal-db').versions[0]?.versionId ?? '';
