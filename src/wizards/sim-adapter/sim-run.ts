import type { HealthOptions } from '../../model/health-options';
import type { RackSnapshot } from '../../model/snapshot';
import type { Millis } from '../../model/time';
import type { Durable } from '../engine/durable';
import { Journal } from '../engine/journal';
import type { Print, Runbook } from '../engine/types';
import { openSpecSim, type SimRackHandle } from './rack-handle';
import { readSimRun, replayCompleted, simRunParams } from './sim-replay';
import type { SimRackSpec } from './sim-spec';

export interface BuiltRunbook {
  readonly runbook: Runbook;
  /** Extra run parameters a resume needs to build the same runbook again (the recovery scenario). */
  readonly params?: Readonly<Record<string, string>>;
}

export interface PrepareSimRunOptions {
  readonly durable: Durable;
  readonly rackName: string;
  readonly operator: string;
  /** The rack a new run opens. */
  readonly spec: SimRackSpec;
  /** How long the injected scenario developed before a new run starts. */
  readonly lead?: Millis;
  /** A drill: the rack clock starts at the top of the hour, so the same seed gives the same drill (see OpenSpecOptions). */
  readonly alignedStart?: boolean;
  /** --speed as given: a resumed run keeps its journaled speed unless the operator names another. */
  readonly speed?: number;
  readonly health?: Partial<HealthOptions>;
  /**
   * The runbook from the assessed snapshot. `resumed` holds the journaled params of a resumed run (build the
   * same runbook from them); undefined is returned when a new run has nothing to do.
   */
  readonly build: (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>) => BuiltRunbook | undefined;
  readonly print: Print;
}

export interface SimRun {
  readonly rack: SimRackHandle;
  readonly runbook: Runbook;
  readonly journal: Journal;
  /** The snapshot the runbook was built from (the assessment). */
  readonly assessed: RackSnapshot;
}

/** A new durable run on a fresh sim, or the unfinished one rebuilt on the rack it left behind. */
export async function prepareSimRun(o: PrepareSimRunOptions): Promise<SimRun | undefined> {
  const { resume } = o.durable;
  if (resume) return resumeSimRun(o, resume);
  const rack = openSpecSim(o.spec, {
    rackName: o.rackName,
    ...(o.health ? { health: o.health } : {}),
    ...(o.lead !== undefined ? { lead: o.lead } : {}),
    ...(o.alignedStart ? { alignedStart: true } : {}),
  });
  const assessed = rack.snapshot();
  const built = o.build(assessed);
  if (!built) return undefined;
  const params = { ...simRunParams({ ...o.spec, start: rack.sim.start, assessedAt: assessed.takenAt }), ...built.params };
  const journal = Journal.create(o.durable.runsDir, {
    runbookId: built.runbook.id,
    rack: o.rackName,
    operator: o.operator,
    startedAt: rack.clock.now(),
    runId: o.durable.runId,
    params,
  });
  return { rack, runbook: built.runbook, journal, assessed };
}

/**
 * Rebuilds the rack of a killed run: the same sim, the runbook built from the same snapshot, then the completed
 * actions replayed at their journaled times. The clock continues from the last journaled time, so the rack is
 * as the crash left it (time the process was dead did not pass for it).
 */
async function resumeSimRun(o: PrepareSimRunOptions, journal: Journal): Promise<SimRun> {
  const record = readSimRun(journal);
  const spec = { ...record, ...(o.speed !== undefined ? { speed: o.speed } : {}) };
  const rack = openSpecSim(spec, { rackName: o.rackName, ...(o.health ? { health: o.health } : {}), at: { start: record.start, clockBase: journal.data.updatedAt } });
  const assessed = rack.snapshotAt(record.assessedAt);
  const built = o.build(assessed, journal.data.params);
  if (!built) throw new Error(`run ${journal.data.runId}: its runbook cannot be rebuilt`);
  const replayed = await replayCompleted(journal, rack.sim);
  o.print(resumeNotice(journal, built.runbook));
  o.print(`(the simulated rack was rebuilt and ${replayed} completed action(s) replayed onto it)`);
  return { rack, runbook: built.runbook, journal, assessed };
}

/** "Resuming run <id> at step N <title>; completed steps are not repeated." */
export function resumeNotice(journal: Journal, runbook: Runbook): string {
  const d = journal.data;
  const index = runbook.steps.findIndex((s) => {
    const state = d.steps.find((e) => e.id === s.id)?.state;
    return state !== 'done' && state !== 'skipped';
  });
  const at = index < 0 ? 'its end' : `step ${index + 1} ${runbook.steps[index]?.title}`;
  return `Resuming run ${d.runId} at ${at}; completed steps are not repeated.`;
}
