import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import type { SimSource } from '../../src/sources/sim-source';
import type { RackStore } from '../../src/store/rack-store';
import { runDrill } from '../../src/wizards/drill/drill';
import { memoryAudit, openAudit, operatorName } from '../../src/wizards/engine/audit';
import { withRackLock } from '../../src/wizards/engine/lock';
import { type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import type { Runbook } from '../../src/wizards/engine/types';
import { WizardSession } from '../../src/wizards/operator/session';
import { summaryLines } from '../../src/wizards/operator/summary-lines';
import type { WizardMenu, WizardMenuEntry } from '../../src/wizards/operator/wizard-menu';
import { bootstrapRunbook } from '../../src/wizards/runbooks/bootstrap';
import { bootstrapCommands } from '../../src/wizards/runbooks/bootstrap-config';
import { proposeScenario, RECOVERY_SCENARIOS, type RecoveryScenario, recoverRunbook } from '../../src/wizards/runbooks/recover';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { endIncidentAfterRecovery } from './end-incident';
import { describeError } from '../../src/errors';

interface Running {
  readonly controller: AbortController;
  readonly session: WizardSession;
  readonly ended: Promise<void>;
}

/**
 * The `w` menu of the TUI: recover the rack on screen (the live simulated rack, in real time like a real rack),
 * show the bootstrap plan, or drill a failure on a private fast simulated rack. Every run ends on its summary; one
 * aborted by the TUI's Ctrl-C, SIGTERM or SIGHUP ends at once and its summary is printed after the TUI closed.
 */
export function liveWizards(deps: { store: RackStore; sim?: SimSource; config: Config; env: Readonly<Record<string, string | undefined>> }): WizardMenu {
  const { store, sim, config } = deps;
  const stateDir = defaultStateDir(deps.env);
  let running: Running | undefined;
  const entries: (WizardMenuEntry & { readonly open: () => Running })[] = [];
  if (sim) {
    const track = (session: WizardSession, work: (signal: AbortSignal) => Promise<readonly string[]>): Running => {
      const controller = new AbortController();
      const ended = work(controller.signal)
        .then((lines) => session.showSummary(lines))
        .catch((error: unknown) => session.showSummary([`The wizard could not run: ${describeError(error)}`]));
      return { controller, session, ended };
    };
    const onRack = (runbook: Runbook, dryRun: boolean) => {
      const session = new WizardSession(runbook, dryRun);
      return { session, run: (signal: AbortSignal) => runOnLiveRack(runbook, session, dryRun, signal) };
    };
    const runOnLiveRack = async (runbook: Runbook, session: WizardSession, dryRun: boolean, signal: AbortSignal) => {
      const rack = store.getSnapshot().rack.name;
      const operator = operatorName();
      const result: RunResult = await withRackLock({ rack, operator, runId: `tui-${Date.now()}`, stateDir }, () =>
        runRunbook({
          runbook,
          executor: createSimExecutor(sim.sim, systemClock),
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
    };
    entries.push(
      {
        name: 'recover',
        description: 'guided disaster recovery of this rack (proposes the failure it sees)',
        open: () => {
          const snapshot = store.getSnapshot();
          const p = proposeScenario(snapshot);
          const { session, run } = onRack(recoverRunbook(p.scenario ?? 'rack-lost', snapshot), false);
          // The assess step's explanation carries the proposal; only "nothing found" needs a note of its own.
          if (!p.scenario) session.note('nothing to recover: this rack shows none of the failures a runbook covers');
          return track(session, run);
        },
      },
      {
        name: 'bootstrap',
        description: 'show the MEP-18 bootstrap plan, step by step (dry run)',
        open: () => {
          const { session, run } = onRack(bootstrapRunbook({ target: config.mode, commands: bootstrapCommands(config.wizards) }), true);
          return track(session, run);
        },
      },
      ...RECOVERY_SCENARIOS.map((scenario) => ({
        name: `drill ${scenario}`,
        description: `timed drill of ${scenario} on a private simulated rack`,
        drill: scenario,
        open: () => openDrill(scenario, stateDir, config, track),
      })),
    );
  }
  return {
    entries,
    start(name) {
      if (running && !running.session.getState().summary) return running.session;
      const entry = entries.find((e) => e.name === name);
      running = entry?.open();
      return running?.session;
    },
    async abort(reason) {
      const r = running;
      if (!r || r.session.getState().summary) return undefined;
      r.controller.abort(new Error(reason));
      // The runner stops waiting at once; the bound only guards against an action that ignores its signal.
      await Promise.race([r.ended, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return r.session.getState().summary;
    },
  };
}

function openDrill(scenario: RecoveryScenario, stateDir: string, config: Config, track: (s: WizardSession, w: (signal: AbortSignal) => Promise<readonly string[]>) => Running): Running {
  // The drill's runbook exists only once its failure has developed on the private rack; until then, a title.
  const session = new WizardSession({ id: 'drill', title: `Drill ${scenario}: letting the failure develop`, description: '', steps: [] });
  return track(session, async (signal) => {
    const { drill, run } = await runDrill({
      scenario,
      interaction: session,
      stateDir,
      seed: config.sim.seed,
      health: config.health,
      print: (l) => session.note(l),
      offerResume: (r) => session.offerResume(r),
      onStart: (runbook) => session.reset(runbook),
      onEvent: session.onEvent,
      signal,
    });
    return [...summaryLines(run, { incidentStart: drill.incidentStart }), `Drill ${drill.outcome}: rack ${drill.healthy ? 'healthy' : 'NOT healthy'}.`];
  });
}
