/**
 * What the TUI's `w` menu runs (commands/wizard/tui-wizards.ts imports this on the first wizard started, so the
 * runbooks, the runner and the drills are not loaded on the way to the first frame).
 */
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import type { SimSource } from '../../src/sources/sim-source-contract';
import type { RackStore } from '../../src/store/rack-store';
import { runDrill } from '../../src/wizards/drill/drill';
import { memoryAudit, openAudit, operatorName } from '../../src/wizards/engine/audit';
import { withRackLock } from '../../src/wizards/engine/lock';
import { type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import type { Runbook } from '../../src/wizards/engine/types';
import type { WizardSession } from '../../src/wizards/operator/session';
import { summaryLines } from '../../src/wizards/operator/summary-lines';
import { bootstrapRunbook } from '../../src/wizards/runbooks/bootstrap';
import { bootstrapCommands } from '../../src/wizards/runbooks/bootstrap-config';
import { proposeScenario, type RecoveryScenario, recoverRunbook } from '../../src/wizards/runbooks/recover';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { endIncidentAfterRecovery } from './end-incident';

export interface LiveRack {
  readonly store: RackStore;
  readonly sim: SimSource;
  readonly config: Config;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Recovery of the rack on screen, of the failure it proposes (the session shows the runbook once it is built). */
export function recoverOnRack(rack: LiveRack, session: WizardSession, signal: AbortSignal): Promise<readonly string[]> {
  const snapshot = rack.store.getSnapshot();
  const p = proposeScenario(snapshot);
  const runbook = recoverRunbook(p.scenario ?? 'rack-lost', snapshot);
  session.reset(runbook);
  // The assess step's explanation carries the proposal; only "nothing found" needs a note of its own.
  if (!p.scenario) session.note('nothing to recover: this rack shows none of the failures a runbook covers');
  return runOnLiveRack(rack, runbook, session, false, signal);
}

/** The MEP-18 bootstrap plan as a dry run on the rack on screen. */
export function bootstrapOnRack(rack: LiveRack, session: WizardSession, signal: AbortSignal): Promise<readonly string[]> {
  const runbook = bootstrapRunbook({ target: rack.config.mode, commands: bootstrapCommands(rack.config.wizards) });
  session.reset(runbook);
  return runOnLiveRack(rack, runbook, session, true, signal);
}

async function runOnLiveRack(deps: LiveRack, runbook: Runbook, session: WizardSession, dryRun: boolean, signal: AbortSignal): Promise<readonly string[]> {
  const { store, sim } = deps;
  const simRack = await sim.rack();
  const stateDir = defaultStateDir(deps.env);
  const rack = store.getSnapshot().rack.name;
  const operator = operatorName();
  const result: RunResult = await withRackLock({ rack, operator, runId: `tui-${Date.now()}`, stateDir }, () =>
    runRunbook({
      runbook,
      executor: createSimExecutor(simRack, systemClock),
      interaction: session,
      snapshot: store.getSnapshot,
      clock: systemClock,
      audit: dryRun ? memoryAudit() : openAudit(stateDir),
      operator,
      rack,
      dryRun,
      signal,
      onEvent: (e) => {
        session.onEvent(e);
        store.refresh();
      },
    }),
  );
  const lines = summaryLines(result, { ...(store.getSnapshot().incident ? { incidentStart: store.getSnapshot().incident?.startedAt } : {}), again: 'w, recover' });
  // A recovery that succeeded ends the incident: the header's badge goes, backups are judged as usual again.
  const ended = runbook.id === 'recover' ? endIncidentAfterRecovery(store, result) : undefined;
  if (ended) return [...lines, ended];
  return lines;
}

/** A timed drill of one scenario on a private simulated rack; its runbook exists once the failure has developed. */
export async function drillOnPrivateRack(rack: LiveRack, scenario: RecoveryScenario, session: WizardSession, signal: AbortSignal): Promise<readonly string[]> {
  const { drill, run } = await runDrill({
    scenario,
    interaction: session,
    stateDir: defaultStateDir(rack.env),
    seed: rack.config.sim.seed,
    health: rack.config.health,
    print: (l) => session.note(l),
    offerResume: (r) => session.offerResume(r),
    onStart: (runbook) => session.reset(runbook),
    onEvent: session.onEvent,
    signal,
  });
  return [...summaryLines(run, { incidentStart: drill.incidentStart }), `Drill ${drill.outcome}: rack ${drill.healthy ? 'healthy' : 'NOT healthy'}.`];
}
