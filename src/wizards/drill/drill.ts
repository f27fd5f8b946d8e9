import { join } from 'node:path';
import { ScaledClock } from '../../clock';
import { RackpilotError } from '../../errors';
import type { Millis } from '../../model/time';
import type { RackSnapshot } from '../../model/snapshot';
import { DEFAULT_SEED, SCENARIO_LEAD } from '../sim-adapter/sim-spec';
import { openAudit, operatorName } from '../engine/audit';
import { createAutoInteraction } from '../operator/auto-interaction';
import { type DrillResult, summariseDrill } from './drill-result';
import { openSimRack } from '../sim-adapter/rack-handle';
import { createSimExecutor } from '../sim-adapter/sim-executor';
import { Journal } from '../engine/journal';
import { writeReport } from './report';
import { recoverRunbook } from '../runbooks/recover';
import { proposeScenario, type RecoveryScenario, type ScenarioProposal } from '../runbooks/scenario';
import { type RunOptions, type RunResult, runRunbook } from '../engine/runner';
import { buildOffer } from '../engine/run-questions';
import type { AssessedVersion } from '../version-choice';
import type { Interaction, RunEvent, Runbook } from '../engine/types';

export type { DrillResult } from './drill-result';

export interface DrillOptions {
  readonly scenario: RecoveryScenario;
  /** Take every proposal, type every confirmation: the sim only. Otherwise `interaction` or `screen` answers. */
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
  /** Runs the recovery on another view (the full-screen wizard), which brings its own interaction. */
  readonly screen?: (run: Omit<RunOptions, 'interaction' | 'signal'>) => Promise<RunResult>;
}

export const DEFAULT_DRILL_SPEED = 300;

/**
 * A disaster-recovery drill on a private simulated rack: inject the failure, let it develop, let the wizard
 * propose the scenario (it must agree with what was injected), run the recovery runbook and measure RTO and RPO.
 * The rack is the drill's own, so no rack lock is taken and a crashed drill is not resumed.
 */
export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  if (!o.auto && !o.interaction && !o.screen) throw new RackpilotError('a drill without --auto needs an interaction to answer its questions');
  const speed = o.speed ?? DEFAULT_DRILL_SPEED;
  const seed = o.seed ?? DEFAULT_SEED;
  const clock = new ScaledClock(speed);
  const rackName = `drill-${o.scenario}`;
  const rack = openSimRack({ clock, rackName, seed, scenario: o.scenario, lead: o.develop ?? SCENARIO_LEAD });
  const before = rack.snapshot();
  const proposal = proposeScenario(before);
  if (proposal.scenario !== o.scenario) {
    throw new RackpilotError(`the wizard proposes ${proposal.scenario ?? 'nothing'} for an injected ${o.scenario}: ${proposal.summary}`);
  }
  const runbook = recoverRunbook(o.scenario, before);
  o.onStart?.(runbook, proposal);
  const offers = new Map<string, readonly AssessedVersion[]>();
  const inner = o.auto || !o.interaction ? createAutoInteraction({ clock }) : o.interaction;
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
  const run = {
    runbook,
    executor: createSimExecutor(rack.sim, clock),
    snapshot: rack.snapshot,
    clock,
    journal,
    audit: openAudit(o.stateDir),
    operator,
    rack: rackName,
  };
  const result = o.screen
    ? await o.screen({
        ...run,
        onEvent: (e) => {
          noteOffers(runbook, rack.snapshot, offers, e);
          o.onEvent?.(e);
        },
      })
    : await runRunbook({ ...run, interaction, onEvent: (e) => o.onEvent?.(e), ...(o.signal ? { signal: o.signal } : {}) });
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

/**
 * The screen answers its questions itself, so what it offered is seen from outside: a version question is asked
 * right after the step's preconditions are checked, on the same live rack (its backups fenced by then).
 */
function noteOffers(runbook: Runbook, snapshot: () => RackSnapshot, offers: Map<string, readonly AssessedVersion[]>, e: RunEvent): void {
  if (e.type !== 'precondition') return;
  const step = runbook.steps.find((s) => s.id === e.stepId);
  for (const q of step?.questions ?? []) {
    if (q.kind !== 'choose-version') continue;
    const s = snapshot();
    const offer = buildOffer(q, { snapshot: s, answers: {}, params: {}, ...(s.incident ? { incidentStart: s.incident.startedAt } : {}) });
    if (typeof offer !== 'string' && offer.versions) offers.set(q.componentId, offer.versions);
  }
}
