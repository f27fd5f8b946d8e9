import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import type { Finding } from '../../src/health';
import type { RackSnapshot } from '../../src/model/snapshot';
import { type AuditLog, memoryAudit, operatorName } from '../../src/wizards/engine/audit';
import { withDurableRun } from '../../src/wizards/engine/durable';
import { Journal } from '../../src/wizards/engine/journal';
import { type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import type { Executor, Runbook } from '../../src/wizards/engine/types';
import { endHealth } from '../../src/wizards/operator/end-health';
import { summaryLines } from '../../src/wizards/operator/summary-lines';
import { type BuiltRunbook, resumeNotice } from '../../src/wizards/sim-adapter/sim-run';
import { openRack } from '../open-rack';
import { endIncidentAfterRecovery } from './end-incident';
import { notStartedExitCode, runExitCode } from './exit-codes';
import type { OperatorSide } from './operator-side';
import { realExecutor } from './real-executor';

export interface RealWizardOptions {
  readonly runbookId: string;
  readonly config: Config;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stateDir: string;
  readonly dryRun: boolean;
  readonly fresh: boolean;
  readonly fromAudit: boolean;
  /** The runbook from the live snapshot; `resumed` holds an unfinished run's journaled params to build it again. */
  readonly build: (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>) => BuiltRunbook | undefined;
  /** When the incident started, from the run's params: each restored version's RPO is measured from it. */
  readonly incidentStart?: (params: Readonly<Record<string, string>>) => number | undefined;
  readonly again: string;
  readonly side: OperatorSide;
  /** The executor of a real run (default: the config's real executor); a dry run uses none. */
  readonly executor?: Executor;
  /** Critical findings expected at the end of this runbook (printed as pending, not counted as unhealthy). */
  readonly pending?: (f: Finding, s: RackSnapshot) => boolean;
  /** A run that succeeds (done, no critical finding after) ends the rack's incident in the incident log. */
  readonly endsIncident?: boolean;
  /** Told how a real run ended, before its summary: a drill builds its report from it. */
  readonly onEnd?: (end: { readonly result: RunResult; readonly after: RackSnapshot; readonly params: Readonly<Record<string, string>> }) => void;
}

/**
 * `recover` and `bootstrap` on a real rack: the same engine as on the simulated one, over the live sources `status` reads (the
 * store with the config's real sources) and the real executor. Preconditions, questions and verifies read the
 * store's newest snapshot, with each database's stop state taken from its StatefulSet (store/database-pause.ts). A real run holds the rack
 * lock, writes the audit log and a file journal, and resumes an unfinished run of its runbook on this rack; a dry
 * run prints every step and call and touches nothing, not even the state directory.
 */
export async function runRealWizard(o: RealWizardOptions): Promise<number> {
  const { side } = o;
  const operator = operatorName();
  const rack = await openRack(o.config, systemClock);
  rack.store.start();
  try {
    side.print(`Reading rack ${o.config.rack.name} from its live sources ...`);
    await rack.store.whenSettled();
    const snapshot = () => rack.store.getSnapshot();
    side.setClock(systemClock);
    if (o.dryRun) {
      const built = o.build(snapshot());
      if (!built) return 0;
      side.started(built.runbook);
      const journal = Journal.memory({ runbookId: built.runbook.id, rack: o.config.rack.name, operator, startedAt: systemClock.now(), dryRun: true, ...(built.params ? { params: built.params } : {}) });
      const result = await run(o, built.runbook, snapshot, journal, memoryAudit(), operator, { kind: 'real', run: () => Promise.reject(new Error('a dry run runs nothing')) });
      await side.finish(summaryLines(result));
      return runExitCode(side, { state: result.state === 'failed' ? 'failed' : 'done', healthy: true });
    }
    return await withDurableRun(
      { stateDir: o.stateDir, rack: o.config.rack.name, runbookId: o.runbookId, operator, fresh: o.fresh, fromAudit: o.fromAudit, print: side.print, offerResume: side.offerResume },
      async (durable) => {
        const resumed = durable.resume;
        const built = o.build(snapshot(), resumed?.data.params);
        if (!built) {
          if (resumed) throw new Error(`run ${resumed.data.runId}: its runbook cannot be rebuilt`);
          await side.finish(['Nothing to do: nothing was changed.']);
          return 0;
        }
        const journal =
          resumed ??
          Journal.create(durable.runsDir, { runbookId: built.runbook.id, rack: o.config.rack.name, operator, startedAt: systemClock.now(), runId: durable.runId, ...(built.params ? { params: built.params } : {}) });
        if (resumed) side.print(resumeNotice(resumed, built.runbook));
        side.started(built.runbook);
        const result = await run(o, built.runbook, snapshot, journal, durable.audit, operator, o.executor ?? realExecutor(o.config, o.env));
        const after = snapshot();
        const ended = o.endsIncident ? endIncidentAfterRecovery(rack.store, result, after) : undefined;
        if (ended) side.print(ended);
        return end(o, result, after, journal.data.params);
      },
    );
  } catch (error) {
    const code = await notStartedExitCode(side, error, 'Interrupted before anything was started: nothing was changed.');
    if (code === undefined) throw error;
    return code;
  } finally {
    await rack.store.stop();
  }
}

function run(o: RealWizardOptions, runbook: Runbook, snapshot: () => RackSnapshot, journal: Journal, audit: AuditLog, operator: string, executor: Executor): Promise<RunResult> {
  return runRunbook({
    runbook,
    executor,
    interaction: o.side.interaction,
    snapshot,
    clock: systemClock,
    journal,
    audit,
    operator,
    rack: o.config.rack.name,
    dryRun: o.dryRun,
    onEvent: o.side.onEvent,
    signal: o.side.signal,
  });
}

/** Health at the end decides the exit code, as on the simulated rack: a run "done" on an unhealthy rack did not recover it. */
async function end(o: RealWizardOptions, result: RunResult, after: RackSnapshot, params: Readonly<Record<string, string>>): Promise<number> {
  const { lines: health, healthy } = endHealth(after, o.pending);
  const incidentStart = o.incidentStart?.(params) ?? after.incident?.startedAt;
  o.onEnd?.({ result, after, params });
  await o.side.finish([...summaryLines(result, { again: o.again, ...(incidentStart !== undefined ? { incidentStart } : {}) }), ...health]);
  return runExitCode(o.side, { state: result.state, healthy, error: result.error });
}
