import type { Clock } from '../../clock';
import { EXIT_CODE, RackpilotError } from '../../errors';
import type { EpochMs } from '../../model/time';
import { isScenarioName, type SimRack } from '../../sim';
import type { Effect } from '../engine/calls';
import type { Journal, JournalAction } from '../engine/journal';
import { perform } from './sim-executor';
import type { SimRackSpec } from './sim-spec';

/**
 * A wizard on the simulator runs on a rack that lives in its process. To resume a killed run, the journal keeps
 * what rebuilds that rack (SimRack is deterministic: same seed, start and scenario plus the same operations at
 * the same times give the same state) and the effect of every action, so the completed ones can be replayed
 * onto the rebuilt rack at their journaled run-clock times.
 */
export interface SimRunRecord extends SimRackSpec {
  /** The SimRack's start (rack time). */
  readonly start: EpochMs;
  /** When the snapshot the runbook was built from was taken: a resume rebuilds the runbook from the same one. */
  readonly assessedAt: EpochMs;
}

export function simRunParams(r: SimRunRecord): Record<string, string> {
  return {
    'sim.seed': String(r.seed),
    'sim.speed': String(r.speed),
    'sim.start': String(r.start),
    'sim.assessedAt': String(r.assessedAt),
    ...(r.scale !== undefined ? { 'sim.scale': String(r.scale) } : {}),
    ...(r.scenario ? { 'sim.scenario': r.scenario } : {}),
    ...(r.boot ? { 'sim.boot': r.boot } : {}),
  };
}

/** The record back from a journal's params; a journal without one (not a sim run) cannot be rebuilt. */
export function readSimRun(journal: Journal): SimRunRecord {
  const p = journal.data.params;
  const num = (key: string, max: number): number | undefined => {
    const v = p[key];
    const n = v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
    return n !== undefined && n >= 0 && n <= max ? n : undefined;
  };
  const seed = num('sim.seed', Number.MAX_SAFE_INTEGER);
  const speed = num('sim.speed', 100_000);
  const start = num('sim.start', 4_102_444_800_000);
  const assessedAt = num('sim.assessedAt', 4_102_444_800_000);
  const scenario = p['sim.scenario'];
  if (seed === undefined || speed === undefined || !(speed >= 1) || start === undefined || assessedAt === undefined || (scenario !== undefined && !isScenarioName(scenario))) {
    throw unresumable(journal, 'it does not record the simulated rack it ran on');
  }
  const scale = num('sim.scale', 20_000);
  return {
    seed,
    speed,
    start,
    assessedAt,
    ...(scale !== undefined ? { scale } : {}),
    ...(scenario !== undefined ? { scenario } : {}),
    ...(p['sim.boot'] === 'cold' ? { boot: 'cold' as const } : {}),
  };
}

/**
 * Applies every completed action of the journal to the rebuilt rack, in the order they ended, each at its end
 * time: directly, not through the runner, so nothing is re-audited or re-journaled. Actions that were running when
 * the process died are left alone: the runner asks the operator about them.
 */
export async function replayCompleted(journal: Journal, sim: SimRack): Promise<number> {
  const done: { action: JournalAction; at: EpochMs }[] = [];
  for (const step of journal.data.steps) {
    for (const action of step.actions) {
      const at = action.endedAt ?? action.startedAt;
      if (action.state === 'done' && at !== undefined) done.push({ action, at });
    }
  }
  done.sort((a, b) => a.at - b.at);
  for (const { action, at } of done) {
    const effect = action.effect as Effect | undefined;
    if (!effect) throw unresumable(journal, `it does not record what "${action.description}" did`);
    // A wait changes nothing on the rack; the time it took is already in the journaled times.
    if (effect.op === 'wait') continue;
    sim.advanceTo(at);
    const outcome = await perform(sim, pinned(at), effect, { signal: new AbortController().signal, output: () => {} });
    if (!outcome.ok) throw unresumable(journal, `replaying "${action.description}" failed: ${outcome.error ?? 'unknown error'}`);
  }
  return done.length;
}

/** A clock stopped at t: an effect is applied at exactly the journaled time. */
function pinned(t: EpochMs): Clock {
  return {
    now: () => t,
    setTimer: (fn) => {
      queueMicrotask(fn);
      return () => {};
    },
  };
}

function unresumable(journal: Journal, why: string): RackpilotError {
  return new RackpilotError(`cannot resume run ${journal.data.runId}: ${why}`, { hint: 'start over with --fresh (the old run is set aside)', exitCode: EXIT_CODE.journal });
}
