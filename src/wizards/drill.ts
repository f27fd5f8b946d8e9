import { join } from 'node:path';
import { ScaledClock } from '../clock';
import { RackpilotError } from '../errors';
import { MINUTE, type Millis } from '../model/time';
import { DEFAULT_SEED } from '../sources/sim';
import { openAudit, operatorName } from './audit';
import { createAutoInteraction } from './auto-interaction';
import { type DrillResult, summariseDrill } from './drill-result';
import { openSimRack } from './drill-rack';
import { createSimExecutor } from './executors/sim-executor';
import { Journal } from './journal';
import { writeReport } from './report';
import { recoverRunbook } from './runbooks/recover';
import { proposeScenario, type RecoveryScenario, type ScenarioProposal } from './scenario';
import { runRunbook } from './runner';
import type { AssessedVersion } from './version-choice';
import type { Interaction, RunEvent, Runbook } from './types';

export type { DrillResult } from './drill-result';

export interface DrillOptions {
  readonly scenario: RecoveryScenario;
  /** Take every proposal, type every confirmation: the sim only. Otherwise `interaction` answers. */
  readonly auto: boolean;
  readonly interaction?: Interaction;
  /** Rack time per wall time. @default 300 */
  readonly speed?: number;
  readonly seed?: number;
  /** Journals (runs/) and the audit log go here. */
  readonly stateDir: string;
  /** Write the report here too: `.md` → Markdown, anything else JSON. */
  readonly report?: string;
  /** How long the failure develops before the recovery starts (rack time). @default 10 min */
  readonly develop?: Millis;
  readonly onEvent?: (event: RunEvent) => void;
  /** Called once the recovery runbook is built, before it runs (line mode prints from here). */
  readonly onStart?: (runbook: Runbook, proposal: ScenarioProposal) => void;
  readonly signal?: AbortSignal;
}

export const DEFAULT_DRILL_SPEED = 300;
export const DEFAULT_DEVELOP: Millis = 10 * MINUTE;

/**
 * A disaster-recovery drill on a private simulated rack: inject the failure, let it develop, let the wizard
 * propose the scenario (it must agree with what was injected), run the recovery runbook and measure RTO and RPO.
 * The rack is the drill's own, so no rack lock is taken and a crashed drill is not resumed.
 */
export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  if (!o.auto && !o.interaction) throw new RackpilotError('a drill without --auto needs an interaction to answer its questions');
  const speed = o.speed ?? DEFAULT_DRILL_SPEED;
  const seed = o.seed ?? DEFAULT_SEED;
  const clock = new ScaledClock(speed);
  const rackName = `drill-${o.scenario}`;
  const rack = openSimRack({ clock, rackName, seed, scenario: o.scenario, lead: o.develop ?? DEFAULT_DEVELOP });
  const before = rack.snapshot();
  const proposal = proposeScenario(before);
  if (proposal.scenario !== o.scenario) {
    throw new RackpilotError(`the wizard proposes ${proposal.scenario ?? 'nothing'} for an injected ${o.scenario}: ${proposal.summary}`);
  }
  const runbook = recoverRunbook(o.scenario, before);
  o.onStart?.(runbook, proposal);
  const offers = new Map<string, readonly AssessedVersion[]>();
  const inner = o.auto ? createAutoInteraction({ clock }) : (o.interaction as Interaction);
  // Remembers what was offered for each version question, so the report can say whether the newest was taken.
  const interaction: Interaction = {
    confirmStep: (step, actions, ctx) => inner.confirmStep(step, actions, ctx),
    onFailure: (step, error) => inner.onFailure(step, error),
    ask: (question, ctx, offer) => {
      if (question.kind === 'choose-version' && offer.versions) offers.set(question.componentId, offer.versions);
      return inner.ask(question, ctx, offer);
    },
  };
  const operator = operatorName();
  const journal = Journal.create(join(o.stateDir, 'runs'), { runbookId: runbook.id, rack: rackName, operator, startedAt: clock.now() });
  const result = await runRunbook({
    runbook,
    executor: createSimExecutor(rack.source.sim, clock),
    interaction,
    snapshot: rack.snapshot,
    clock,
    journal,
    audit: openAudit(o.stateDir),
    operator,
    rack: rackName,
    onEvent: (e) => o.onEvent?.(e),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const drill = summariseDrill({
    scenario: o.scenario,
    seed,
    speed,
    proposal,
    plan: runbook.plan,
    result,
    before,
    after: rack.snapshot(),
    incidentStart: rack.incidentStart ?? before.takenAt,
    offers,
  });
  if (o.report) writeReport(o.report, drill);
  return drill;
}
