import type { Finding } from '../../src/health';
import type { RackSnapshot } from '../../src/model/snapshot';
import { operatorName } from '../../src/wizards/engine/audit';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import { withDurableRun } from '../../src/wizards/engine/durable';
import type { AskLine, Print } from '../../src/wizards/operator/line-interaction';
import { runLine, type ScreenRun } from './run-line';
import { type PrepareSimRunOptions, prepareSimRun } from '../../src/wizards/sim-adapter/sim-run';
import { openSpecSim, type SimRackSpec } from '../../src/wizards/sim-adapter/sim-spec';

export interface SimWizardOptions {
  readonly runbookId: string;
  readonly rackName: string;
  /** The state directory (journals, locks, audit log). */
  readonly stateDir?: string;
  readonly env: NodeJS.ProcessEnv;
  /** The rack a new run opens. */
  readonly spec: SimRackSpec;
  /** --speed as given (a resumed run keeps its own otherwise). */
  readonly speed?: number;
  readonly auto: boolean;
  readonly dryRun: boolean;
  /** --fresh: abandon an unfinished run and start over. */
  readonly fresh: boolean;
  readonly build: PrepareSimRunOptions['build'];
  readonly askLine: AskLine;
  readonly print: Print;
  readonly signal?: AbortSignal;
  readonly pending?: (f: Finding, s: RackSnapshot) => boolean;
  /** The full-screen wizard, when stdin and stdout are a terminal. */
  readonly screen?: ScreenRun;
}

/**
 * `recover` and `bootstrap` on the simulated rack. A real run holds the rack lock, writes the audit log and a
 * file journal, and resumes the unfinished run of its runbook on this rack if there is one. A dry run touches
 * nothing on disk: a plan must never look like progress to resume.
 */
export async function runSimWizard(o: SimWizardOptions): Promise<number> {
  const line = { auto: o.auto, dryRun: o.dryRun, askLine: o.askLine, print: o.print, ...(o.signal ? { signal: o.signal } : {}), ...(o.pending ? { pending: o.pending } : {}) };
  if (o.dryRun) {
    const rack = openSpecSim(o.spec, o.rackName);
    const built = o.build(rack.snapshot());
    return built ? (await runLine({ ...line, runbook: built.runbook, rack })).exitCode : 0;
  }
  const operator = operatorName();
  const stateDir = o.stateDir ?? defaultStateDir(o.env);
  return withDurableRun({ stateDir, rack: o.rackName, runbookId: o.runbookId, operator, fresh: o.fresh, print: o.print }, async (durable) => {
    const run = await prepareSimRun({
      durable,
      rackName: o.rackName,
      operator,
      spec: o.spec,
      ...(o.speed !== undefined ? { speed: o.speed } : {}),
      build: o.build,
      print: o.print,
    });
    if (!run) return 0;
    const { result, exitCode } = await runLine({
      ...line,
      ...run,
      audit: durable.audit,
      operator,
      ...(o.screen ? { screen: o.screen } : {}),
    });
    // Only a run that died without ending (a crash, kill -9) is resumed; an aborted one ended on purpose.
    if (result.state === 'aborted') o.print(`Run ${result.runId} ended aborted; its journal keeps what was done. Running the command again starts a new run.`);
    return exitCode;
  });
}
