import { evaluate, type Finding } from '../../src/health';
import type { RackSnapshot } from '../../src/model/snapshot';
import { type AuditLog, memoryAudit, operatorName } from '../../src/wizards/engine/audit';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import type { SimRackHandle } from '../../src/wizards/sim-adapter/rack-handle';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import type { Journal } from '../../src/wizards/engine/journal';
import { type RunOptions, type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import type { Interaction, Runbook } from '../../src/wizards/engine/types';
import { versionLines } from '../../src/wizards/operator/line-format';
import { type AskLine, createLineInteraction, createLinePrinter, type Print } from '../../src/wizards/operator/line-interaction';
import { journalSpecs } from '../../src/wizards/sim-adapter/sim-replay';

/** Runs the runbook in another view (the full-screen wizard) instead of on the line; resolves once it closed. */
export type ScreenRun = (run: Omit<RunOptions, 'interaction' | 'signal'>) => Promise<RunResult>;

export interface LineRunOptions {
  readonly runbook: Runbook;
  readonly rack: SimRackHandle;
  /** auto: take every proposal (the sim only); otherwise ask on the line. */
  readonly auto: boolean;
  readonly dryRun: boolean;
  readonly askLine: AskLine;
  readonly print: Print;
  readonly signal?: AbortSignal;
  /** Critical findings expected at the end of this runbook (printed as pending, not counted as unhealthy). */
  readonly pending?: (f: Finding, s: RackSnapshot) => boolean;
  /** A file journal (new or resumed) and audit log make the run survive the process; default: in memory. */
  readonly journal?: Journal;
  readonly audit?: AuditLog;
  readonly operator?: string;
  /** Set: the run happens on this screen, and only its outcome is printed once the screen is closed. */
  readonly screen?: ScreenRun;
}

export interface LineRunOutcome {
  readonly result: RunResult;
  readonly critical: readonly Finding[];
  /** 0 done and healthy (or a dry run), 1 aborted or cancelled, 2 failed or ended unhealthy. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * A runbook on the simulated rack, printed as it runs and answered on the line, by --auto, or on the full-screen
 * wizard (`screen`). With a file journal every started action's spec is journaled too, so a killed run can be
 * rebuilt on a new sim and resumed (see sim-replay.ts).
 */
export async function runLine(o: LineRunOptions): Promise<LineRunOutcome> {
  const { clock } = o.rack;
  const specs = o.journal?.file && !o.dryRun ? journalSpecs(o.journal) : undefined;
  const run = {
    runbook: o.runbook,
    executor: createSimExecutor(o.rack.sim, clock),
    snapshot: o.rack.snapshot,
    clock,
    audit: o.audit ?? memoryAudit(),
    operator: o.operator ?? operatorName(),
    rack: o.rack.snapshot().rack.name,
    dryRun: o.dryRun,
    ...(o.journal ? { journal: o.journal } : {}),
  };
  let result: RunResult;
  if (o.screen) {
    result = await o.screen({ ...run, ...(specs ? { onEvent: specs } : {}) });
    o.print(`${o.runbook.title}: run ${result.state}${result.resumed ? ' (resumed)' : ''}, run id ${result.runId}.`);
  } else {
    o.print(`${o.runbook.title}${o.dryRun ? ' (dry run: nothing is changed)' : ''}`);
    o.print(o.runbook.description);
    const printer = createLinePrinter(o.runbook, o.print);
    result = await runRunbook({
      ...run,
      interaction: lineInteraction(o),
      onEvent: (e) => {
        specs?.(e);
        printer(e);
      },
      ...(o.signal ? { signal: o.signal } : {}),
    });
  }
  return outcome(o, result);
}

function lineInteraction(o: LineRunOptions): Interaction {
  const { clock } = o.rack;
  if (o.auto) return createAutoInteraction({ clock, onAnswer: (key, answer) => o.print(`   auto: ${key} = ${answer ?? '(none: cancel)'}`) });
  if (o.dryRun) return dryRunAnswers(createAutoInteraction({ clock }), o.print);
  return createLineInteraction(o.askLine, o.print);
}

/** Health at the end decides the exit code: a run that ended "done" on an unhealthy rack did not recover it. */
function outcome(o: LineRunOptions, result: RunResult): LineRunOutcome {
  if (result.reason) o.print(`Reason: ${result.reason}`);
  const end = o.rack.snapshot();
  const all = o.dryRun ? [] : evaluate(end).filter((f) => f.severity === 'critical');
  const critical = all.filter((f) => !o.pending?.(f, end));
  for (const f of all.filter((x) => !critical.includes(x))) o.print(`pending: ${f.summary}`);
  for (const f of critical.slice(0, 10)) o.print(`CRIT  ${f.summary}`);
  const exitCode = o.dryRun ? (result.state === 'failed' ? 2 : 0) : result.state === 'aborted' || result.state === 'cancelled' ? 1 : result.state === 'done' && critical.length === 0 ? 0 : 2;
  if (!o.dryRun) o.print(exitCode === 0 ? 'The rack is healthy.' : exitCode === 2 ? `The rack is not healthy: ${critical.length} critical finding(s).` : 'Nothing more was changed.')
  return { result, critical, exitCode };
}

/** A dry run still asks its questions (to show the plan); it answers with the proposals, and says so. */
function dryRunAnswers(auto: Interaction, print: Print): Interaction {
  return {
    ...auto,
    async ask(question, ctx, offer) {
      if (question.kind === 'choose-version') for (const l of versionLines(offer, ctx.incidentStart)) print(l);
      const a = await auto.ask(question, ctx, offer);
      print(`   (dry run) ${question.key}: would propose ${a ?? 'nothing'}`);
      return a;
    },
  };
}
