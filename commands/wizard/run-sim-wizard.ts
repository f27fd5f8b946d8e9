import type { Finding } from '../../src/health';
import type { HealthOptions } from '../../src/model/health-options';
import type { RackSnapshot } from '../../src/model/snapshot';
import { type AuditLog, memoryAudit, operatorName } from '../../src/wizards/engine/audit';
import { withDurableRun } from '../../src/wizards/engine/durable';
import { Journal } from '../../src/wizards/engine/journal';
import { type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import { endHealth } from '../../src/wizards/operator/end-health';
import { summaryLines } from '../../src/wizards/operator/summary-lines';
import { openSpecSim, type SimRackHandle } from '../../src/wizards/sim-adapter/rack-handle';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { type BuiltRunbook, prepareSimRun } from '../../src/wizards/sim-adapter/sim-run';
import type { SimRackSpec } from '../../src/wizards/sim-adapter/sim-spec';
import { notStartedExitCode, runExitCode } from './exit-codes';
import type { OperatorSide } from './operator-side';

export interface SimWizardOptions {
  readonly runbookId: string;
  readonly rackName: string;
  readonly stateDir: string;
  /** The rack a new run opens. */
  readonly spec: SimRackSpec;
  /** --speed as given (a resumed run keeps its own otherwise). */
  readonly speed?: number;
  readonly health: Partial<HealthOptions>;
  readonly dryRun: boolean;
  /** --fresh / --resume-from-audit. */
  readonly fresh: boolean;
  readonly fromAudit: boolean;
  readonly build: (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>) => BuiltRunbook | undefined;
  /** Critical findings expected at the end of this runbook (printed as pending, not counted as unhealthy). */
  readonly pending?: (f: Finding, s: RackSnapshot) => boolean;
  /** The command that continues the run, for the summary. */
  readonly again: string;
  readonly side: OperatorSide;
}

/**
 * `recover` and `bootstrap` on the simulated rack. A real run holds the rack lock, writes the audit log and a file
 * journal, and offers the unfinished run of its runbook on this rack for resuming. A dry run touches nothing on
 * disk: a plan must never look like progress to resume. Every end prints the summary; the exit code says how it
 * ended (README: 0 done and healthy, 1 aborted or cancelled by the operator, 2 failed or unhealthy, 128+n a signal).
 */
export async function runSimWizard(o: SimWizardOptions): Promise<number> {
  const { side } = o;
  const operator = operatorName();
  if (o.dryRun) {
    const rack = openSpecSim(o.spec, { rackName: o.rackName, health: o.health });
    const built = o.build(rack.snapshot());
    if (!built) return 0;
    side.setClock(rack.clock);
    side.started(built.runbook);
    const journal = Journal.memory({ runbookId: built.runbook.id, rack: o.rackName, operator, startedAt: rack.clock.now(), dryRun: true });
    const result = await run(o, built.runbook, rack, journal, memoryAudit(), operator);
    await side.finish(summaryLines(result));
    // A plan that could not propose a version (cancelled) is still a complete plan; only a failure is not.
    return runExitCode(side, { state: result.state === 'failed' ? 'failed' : 'done', healthy: true });
  }
  try {
    return await withDurableRun(
      { stateDir: o.stateDir, rack: o.rackName, runbookId: o.runbookId, operator, fresh: o.fresh, fromAudit: o.fromAudit, print: side.print, offerResume: side.offerResume },
      async (durable) => {
        const prepared = await prepareSimRun({ durable, rackName: o.rackName, operator, spec: o.spec, health: o.health, ...(o.speed !== undefined ? { speed: o.speed } : {}), build: o.build, print: side.print });
        if (!prepared) {
          await side.finish(['Nothing to do: nothing was changed.']);
          return 0;
        }
        side.setClock(prepared.rack.clock);
        side.started(prepared.runbook);
        const result = await run(o, prepared.runbook, prepared.rack, prepared.journal, durable.audit, operator);
        return end(o, result, prepared.rack);
      },
    );
  } catch (error) {
    const code = await notStartedExitCode(side, error, 'Interrupted before anything was started: nothing was changed.');
    if (code === undefined) throw error;
    return code;
  }
}

function run(o: SimWizardOptions, runbook: BuiltRunbook['runbook'], rack: SimRackHandle, journal: Journal, audit: AuditLog, operator: string): Promise<RunResult> {
  return runRunbook({
    runbook,
    executor: createSimExecutor(rack.sim, rack.clock),
    interaction: o.side.interaction,
    snapshot: rack.snapshot,
    clock: rack.clock,
    journal,
    audit,
    operator,
    rack: o.rackName,
    dryRun: o.dryRun,
    onEvent: o.side.onEvent,
    signal: o.side.signal,
  });
}

/** Health at the end decides the exit code: a run that ended "done" on an unhealthy rack did not recover it. */
async function end(o: SimWizardOptions, result: RunResult, rack: SimRackHandle): Promise<number> {
  const after = rack.snapshot();
  const { lines: health, healthy } = endHealth(after, o.pending);
  const incidentStart = rack.incidentStart ?? after.incident?.startedAt;
  await o.side.finish([...summaryLines(result, { again: o.again, ...(incidentStart !== undefined ? { incidentStart } : {}) }), ...health]);
  return runExitCode(o.side, { state: result.state, healthy, error: result.error });
}
