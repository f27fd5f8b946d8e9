import { evaluate, type Finding } from '../../health';
import type { RackSnapshot } from '../../model/snapshot';
import { memoryAudit, operatorName } from '../audit';
import { createAutoInteraction } from '../auto-interaction';
import type { SimRackHandle } from '../drill-rack';
import { createSimExecutor } from '../executors/sim-executor';
import { type RunResult, runRunbook } from '../runner';
import type { Interaction, Runbook } from '../types';
import { versionLines } from './line-format';
import { type AskLine, createLineInteraction, createLinePrinter, type Print } from './line-interaction';

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
}

export interface LineRunOutcome {
  readonly result: RunResult;
  readonly critical: readonly Finding[];
  /** 0 done and healthy (or a dry run), 1 aborted or cancelled, 2 failed or ended unhealthy. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * A runbook in line mode on the simulated rack: printed as it runs, answered on the line or by --auto.
 * The sim is this process's own, so the journal and audit stay in memory: there is nothing to resume or audit
 * once the process (and with it the rack) is gone.
 */
export async function runLine(o: LineRunOptions): Promise<LineRunOutcome> {
  const { clock } = o.rack;
  const interaction: Interaction = o.auto
    ? createAutoInteraction({ clock, onAnswer: (key, answer) => o.print(`   auto: ${key} = ${answer ?? '(none: cancel)'}`) })
    : o.dryRun
      ? dryRunAnswers(createAutoInteraction({ clock }), o.print)
      : createLineInteraction(o.askLine, o.print);
  o.print(`${o.runbook.title}${o.dryRun ? ' (dry run: nothing is changed)' : ''}`);
  o.print(o.runbook.description);
  const result = await runRunbook({
    runbook: o.runbook,
    executor: createSimExecutor(o.rack.source.sim, clock),
    interaction,
    snapshot: o.rack.snapshot,
    clock,
    audit: memoryAudit(),
    operator: operatorName(),
    rack: o.rack.snapshot().rack.name,
    dryRun: o.dryRun,
    onEvent: createLinePrinter(o.runbook, o.print),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  if (result.reason) o.print(`Reason: ${result.reason}`);
  const end = o.rack.snapshot();
  const all = o.dryRun ? [] : evaluate(end).filter((f) => f.severity === 'critical');
  const critical = all.filter((f) => !o.pending?.(f, end));
  for (const f of all.filter((x) => !critical.includes(x))) o.print(`pending: ${f.summary}`);
  for (const f of critical.slice(0, 10)) o.print(`CRIT  ${f.summary}`);
  const exitCode = o.dryRun ? (result.state === 'failed' ? 2 : 0) : result.state === 'aborted' || result.state === 'cancelled' ? 1 : result.state === 'done' && critical.length === 0 ? 0 : 2;
  if (!o.dryRun) o.print(exitCode === 0 ? 'The rack is healthy.' : exitCode === 2 ? `The rack is not healthy: ${critical.length} critical finding(s).` : 'Nothing more was changed.');
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
