import type { Clock } from '../../clock';
import { RackpilotError } from '../../errors';
import type { EpochMs } from '../../model/time';
import { isScenarioName, type SimRack } from '../../sim';
import { createSimExecutor } from './sim-executor';
import type { Journal, JournalAction } from '../engine/journal';
import type { ActionSpec, RunEvent } from '../engine/types';
import type { SimRackSpec } from './sim-spec';

/**
 * A wizard on the simulator runs on a rack that lives in its process. To resume a killed run, the journal keeps
 * what rebuilds that rack (SimRack is deterministic: same seed, start and scenario plus the same operations at
 * the same times give the same state) and the spec of every action started, so the completed ones can be
 * replayed onto the rebuilt rack at their journaled run-clock times. The run clock's time at each journaled
 * event is the journal's own: actions' startedAt/endedAt and the run's updatedAt.
 */
export interface SimRunRecord extends SimRackSpec {
  /** The SimRack's start (rack time). */
  readonly start: EpochMs;
  /** When the snapshot the runbook was built from was taken: a resume rebuilds the runbook from the same one. */
  readonly assessedAt: EpochMs;
  /** When the injected failure started; the runner reads `incidentStart` too. */
  readonly incidentStart?: EpochMs;
}

const SPEC = 'sim.spec:';

export function simRunParams(r: SimRunRecord): Record<string, string> {
  return {
    'sim.seed': String(r.seed),
    'sim.speed': String(r.speed),
    'sim.start': String(r.start),
    'sim.assessedAt': String(r.assessedAt),
    ...(r.scale !== undefined ? { 'sim.scale': String(r.scale) } : {}),
    ...(r.scenario ? { 'sim.scenario': r.scenario } : {}),
    ...(r.boot ? { 'sim.boot': r.boot } : {}),
    ...(r.incidentStart !== undefined ? { incidentStart: String(r.incidentStart) } : {}),
  };
}

/** The record back from a journal's params; a journal without one (not a sim run) cannot be rebuilt. */
export function readSimRun(journal: Journal): SimRunRecord {
  const p = journal.data.params;
  const num = (key: string): number | undefined => (p[key] !== undefined && /^\d+(\.\d+)?$/.test(p[key]) ? Number(p[key]) : undefined);
  const seed = num('sim.seed');
  const speed = num('sim.speed');
  const start = num('sim.start');
  const assessedAt = num('sim.assessedAt');
  const scenario = p['sim.scenario'];
  if (seed === undefined || speed === undefined || start === undefined || assessedAt === undefined || (scenario !== undefined && !isScenarioName(scenario))) {
    throw unresumable(journal, 'it does not record the simulated rack it ran on');
  }
  const scale = num('sim.scale');
  const incidentStart = num('incidentStart');
  return {
    seed,
    speed,
    start,
    assessedAt,
    ...(scale !== undefined ? { scale } : {}),
    ...(scenario !== undefined ? { scenario } : {}),
    ...(p['sim.boot'] === 'cold' ? { boot: 'cold' as const } : {}),
    ...(incidentStart !== undefined ? { incidentStart } : {}),
  };
}

/**
 * Journals the spec of each action as it starts, before the executor runs it (the runner emits action-start
 * after journaling the action as running). Chain it into the run's onEvent.
 */
export function journalSpecs(journal: Journal): (e: RunEvent) => void {
  return (e) => {
    if (e.type !== 'action-start' || e.dryRun) return;
    journal.update((d) => {
      d.params[`${SPEC}${e.stepId}/${e.action.id}`] = JSON.stringify(e.action.spec);
    });
  };
}

/**
 * Applies every completed action of the journal to the rebuilt rack, in the order they ended, each at its end
 * time: directly through the sim executor, not the runner, so nothing is re-audited or re-journaled. Actions
 * that were running when the process died are left alone: the runner asks the operator about them.
 */
export async function replayCompleted(journal: Journal, sim: SimRack): Promise<number> {
  const done: { stepId: string; action: JournalAction; at: EpochMs }[] = [];
  for (const step of journal.data.steps) {
    for (const action of step.actions) {
      const at = action.endedAt ?? action.startedAt;
      if (action.state === 'done' && at !== undefined) done.push({ stepId: step.id, action, at });
    }
  }
  done.sort((a, b) => a.at - b.at);
  for (const { stepId, action, at } of done) {
    const text = journal.data.params[`${SPEC}${stepId}/${action.id}`];
    if (text === undefined) throw unresumable(journal, `it does not record what "${action.description}" did`);
    const spec = JSON.parse(text) as ActionSpec;
    // A wait changes nothing on the rack; the time it took is already in the journaled times.
    if (spec.kind === 'sim' && spec.op === 'wait') continue;
    sim.advanceTo(at);
    const outcome = await createSimExecutor(sim, pinned(at)).run(
      { id: action.id, description: action.description, spec, destructive: action.destructive },
      { signal: new AbortController().signal, output: () => {} },
    );
    if (!outcome.ok) throw unresumable(journal, `replaying "${action.description}" failed: ${outcome.error ?? 'unknown error'}`);
  }
  return done.length;
}

/** A clock stopped at t: the executor applies the operation at exactly the journaled time. */
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
  return new RackpilotError(`cannot resume run ${journal.data.runId}: ${why}`, { hint: 'start over with --fresh (the old run is marked abandoned)' });
}
