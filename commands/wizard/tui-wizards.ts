import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import { formatAge } from '../../src/text/format-age';
import type { SimSource } from '../../src/sources/sim-source';
import type { RackStore } from '../../src/store/rack-store';
import { memoryAudit, openAudit, operatorName } from '../../src/wizards/engine/audit';
import { runDrill } from '../../src/wizards/drill/drill';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { defaultStateDir } from '../../src/wizards/engine/journal';
import { withRackLock } from '../../src/wizards/engine/lock';
import { runRunbook } from '../../src/wizards/engine/runner';
import { bootstrapRunbook } from '../../src/wizards/runbooks/bootstrap';
import { proposeScenario, RECOVERY_SCENARIOS, type RecoveryScenario, recoverRunbook } from '../../src/wizards/runbooks/recover';
import { WizardSession } from '../../src/wizards/operator/session';
import type { Runbook } from '../../src/wizards/engine/types';

export interface WizardEntry {
  readonly name: string;
  readonly description: string;
}

export interface LiveWizards {
  readonly entries: readonly WizardEntry[];
  /** Starts the named wizard; the session is what the wizard view shows and answers. */
  start(name: string): WizardSession;
}

/**
 * The `w` menu of the TUI: recover the rack on screen (the live simulated rack, in real time), show the
 * bootstrap plan, or drill a failure on a private fast simulated rack. Wizards against a real rack come with
 * the real executors.
 */
export function liveWizards(deps: { store: RackStore; sim?: SimSource; config: Config; env: Readonly<Record<string, string | undefined>> }): LiveWizards {
  const { store, sim, config } = deps;
  if (!sim) return { entries: [], start: () => new WizardSession(bootstrapRunbook({ target: 'real' }), true) };
  const snapshot = store.getSnapshot;
  const stateDir = defaultStateDir(deps.env);
  const proposal = () => proposeScenario(snapshot(), config.health.sizeDropRatio);
  const entries: WizardEntry[] = [
    { name: 'recover', description: 'guided disaster recovery of this rack (proposes the failure it sees)' },
    { name: 'bootstrap', description: 'show the MEP-18 bootstrap plan, step by step (dry run)' },
    ...RECOVERY_SCENARIOS.map((s) => ({ name: `drill ${s}`, description: `timed drill of ${s} on a private simulated rack` })),
  ];
  const runOn = (session: WizardSession, runbook: Runbook, dryRun: boolean) => {
    const rack = snapshot().rack.name;
    const operator = operatorName();
    void withRackLock({ rack, operator, runId: `tui-${Date.now()}`, stateDir }, () =>
      runRunbook({
        runbook,
        executor: createSimExecutor(sim.sim, systemClock),
        interaction: session,
        snapshot,
        clock: systemClock,
        audit: dryRun ? memoryAudit() : openAudit(stateDir),
        operator,
        rack,
        dryRun,
        onEvent: (e) => {
          session.onEvent(e);
          store.refresh();
        },
      }),
    ).catch((error: unknown) => session.note(`the wizard could not run: ${error instanceof Error ? error.message : String(error)}`));
  };
  return {
    entries,
    start(name) {
      if (name === 'bootstrap') {
        const runbook = bootstrapRunbook({ target: 'sim' });
        const session = new WizardSession(runbook, true);
        runOn(session, runbook, true);
        return session;
      }
      if (name.startsWith('drill ')) return startDrill(name.slice(6) as RecoveryScenario, stateDir, config);
      const p = proposal();
      const runbook = recoverRunbook(p.scenario ?? 'rack-lost', snapshot(), { sizeDropRatio: config.health.sizeDropRatio });
      const session = new WizardSession(runbook);
      session.note(p.summary);
      if (!p.scenario) session.note('nothing to recover: this rack shows none of the failures a runbook covers');
      runOn(session, runbook, false);
      return session;
    },
  };
}

function startDrill(scenario: RecoveryScenario, stateDir: string, config: Config): WizardSession {
  // The drill's runbook exists only once its failure has developed on the private rack; until then, a title.
  const session = new WizardSession({ id: 'drill', title: `Drill ${scenario}: letting the failure develop`, description: '', steps: [] });
  void runDrill({
    scenario,
    auto: false,
    interaction: session,
    stateDir,
    seed: config.sim.seed,
    onStart: (runbook) => session.reset(runbook),
    onEvent: session.onEvent,
  })
    .then((r) => {
      session.note(`drill ${r.outcome}: RTO ${r.rto !== undefined ? formatAge(r.rto) : 'not reached (not healthy)'}`);
      for (const c of r.restored) {
        session.note(`restored ${c.component} ${c.versionId.slice(0, 8)}: RPO ${c.rpo !== undefined ? formatAge(c.rpo) : 'unknown'}`);
      }
    })
    .catch((error: unknown) => session.note(`the drill failed: ${error instanceof Error ? error.message : String(error)}`));
  return session;
}
