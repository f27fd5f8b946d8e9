import type { Clock } from '../../clock';
import { RackpilotError } from '../../errors';
import type { HealthOptions } from '../../model/health-options';
import type { Millis } from '../../model/time';
import { operatorName } from '../engine/audit';
import { type ResumeDecision, type UnfinishedRun, withDurableRun } from '../engine/durable';
import { type RunResult, runRunbook } from '../engine/runner';
import type { Interaction, Print, RunEvent, Runbook, VersionOffer } from '../engine/types';
import { proposeScenario, type RecoveryScenario, recordedScenario, recoveryToRun, type recoverRunbook, type ScenarioProposal } from '../runbooks/recover';
import { createSimExecutor } from '../sim-adapter/sim-executor';
import { prepareSimRun } from '../sim-adapter/sim-run';
import { SCENARIO_LEAD } from '../sim-adapter/sim-spec';
import { type DrillResult, summariseDrill } from './drill-result';
import { writeReport } from './report';

export type { DrillResult } from './drill-result';

export interface DrillOptions {
  readonly scenario: RecoveryScenario;
  /** Who answers: --auto, a line prompt, or the full-screen wizard's session. */
  readonly interaction: Interaction;
  /** Rack time per wall time. @default 300 */
  readonly speed?: number;
  readonly seed: number;
  /** Journals (runs/), the lock and the audit log go here. */
  readonly stateDir: string;
  readonly health?: Partial<HealthOptions>;
  /** Write the report here too: `.md` → Markdown, anything else JSON. */
  readonly report?: string;
  /** How long the failure develops before the recovery starts (rack time). @default 10 min */
  readonly develop?: Millis;
  /** --fresh: set an unfinished drill of this scenario aside and start over. */
  readonly fresh?: boolean;
  readonly print: Print;
  readonly offerResume: (run: UnfinishedRun) => Promise<ResumeDecision>;
  readonly onEvent?: (event: RunEvent) => void;
  /** The drill's clock, once its rack is open (--auto waits between retries on it). */
  readonly onClock?: (clock: Clock) => void;
  /** Called once the recovery runbook is built, before it runs (line mode prints from here). */
  readonly onStart?: (runbook: Runbook, proposal: ScenarioProposal) => void;
  readonly signal?: AbortSignal;
}

export const DEFAULT_DRILL_SPEED = 300;

/**
 * A disaster-recovery drill on a private simulated rack: inject the failure, let it develop, let the wizard
 * propose the scenario (it must agree with what was injected), run the recovery runbook and measure the machine's
 * time, the operator's time and the RPO. It is durable like a recovery: a killed drill is offered for resuming.
 */
export async function runDrill(o: DrillOptions): Promise<{ readonly drill: DrillResult; readonly run: RunResult }> {
  const rackName = `drill-${o.scenario}`;
  const operator = operatorName();
  const speed = o.speed ?? DEFAULT_DRILL_SPEED;
  const durable = { stateDir: o.stateDir, rack: rackName, runbookId: 'recover', operator, fresh: o.fresh === true, print: o.print, offerResume: o.offerResume };
  return withDurableRun(durable, async (d) => {
    let proposal: ScenarioProposal | undefined;
    const run = await prepareSimRun({
      durable: d,
      rackName,
      operator,
      spec: { seed: o.seed, speed, scenario: o.scenario },
      lead: o.develop ?? SCENARIO_LEAD,
      alignedStart: true,
      speed,
      ...(o.health ? { health: o.health } : {}),
      print: o.print,
      build: (snapshot, resumed) => {
        proposal = proposeScenario(snapshot);
        if (!resumed && proposal.scenario !== o.scenario) {
          throw new RackpilotError(`the wizard proposes ${proposal.scenario ?? 'nothing'} for an injected ${o.scenario}: ${proposal.summary}`);
        }
        return recoveryToRun(recordedScenario(resumed) ?? o.scenario, snapshot);
      },
    });
    if (!run || !proposal) throw new RackpilotError(`the drill of ${o.scenario} found nothing to recover`);
    const runbook = run.runbook as ReturnType<typeof recoverRunbook>;
    o.onClock?.(run.rack.clock);
    o.onStart?.(runbook, proposal);
    // What each version question offered, seen as the run goes: the report says whether the newest was taken.
    const offers = new Map<string, VersionOffer>();
    const result = await runRunbook({
      runbook,
      executor: createSimExecutor(run.rack.sim, run.rack.clock),
      interaction: o.interaction,
      snapshot: run.rack.snapshot,
      clock: run.rack.clock,
      journal: run.journal,
      audit: d.audit,
      operator,
      rack: rackName,
      onEvent: (e) => {
        if (e.type === 'question') offers.set(e.offer.component.id, e.offer);
        o.onEvent?.(e);
      },
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const drill = summariseDrill({
      scenario: o.scenario,
      seed: o.seed,
      speed,
      proposal,
      plan: runbook.plan,
      result,
      after: run.rack.snapshot(),
      incidentStart: run.rack.incidentStart ?? run.assessed.incident?.startedAt ?? run.assessed.takenAt,
      offers,
    });
    if (o.report) writeReport(o.report, drill);
    return { drill, run: result };
  });
}
