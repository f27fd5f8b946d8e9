import type { Config } from '../../src/config';
import { describeError } from '../../src/errors';
import type { SimSource } from '../../src/sources/sim-source-contract';
import type { RackStore } from '../../src/store/rack-store';
import { WizardSession } from '../../src/wizards/operator/session';
import type { WizardMenu, WizardMenuEntry } from '../../src/wizards/operator/wizard-menu';
import { RECOVERY_SCENARIOS } from '../../src/wizards/runbooks/scenario';
import { onFirstUse } from '../on-first-use';
import type { LiveRack } from './tui-wizard-runs';

interface Running {
  readonly controller: AbortController;
  readonly session: WizardSession;
  readonly ended: Promise<void>;
}

type Runs = typeof import('./tui-wizard-runs');

/**
 * The `w` menu of the TUI: recover the rack on screen (the live simulated rack, in real time like a real rack),
 * show the bootstrap plan, or drill a failure on a private fast simulated rack. Every run ends on its summary; one
 * aborted by the TUI's Ctrl-C, SIGTERM or SIGHUP ends at once and its summary is printed after the TUI closed.
 * The runbooks, runner and drills (tui-wizard-runs.ts) are imported when the first wizard starts, not on the way
 * to the first frame; until then the wizard shows its title.
 */
export function liveWizards(deps: { store: RackStore; sim?: SimSource; config: Config; env: Readonly<Record<string, string | undefined>> }): WizardMenu {
  const { sim } = deps;
  let running: Running | undefined;
  const entries: (WizardMenuEntry & { readonly open: () => Running })[] = [];
  if (sim) {
    const rack: LiveRack = { ...deps, sim };
    const runs = onFirstUse(() => import('./tui-wizard-runs'));
    const open =
      (title: string, dryRun: boolean, work: (m: Runs, session: WizardSession, signal: AbortSignal) => Promise<readonly string[]>) => (): Running => {
        const session = new WizardSession({ id: 'loading', title, description: '', steps: [] }, dryRun);
        const controller = new AbortController();
        const ended = runs()
          .then((m) => work(m, session, controller.signal))
          .then((lines) => session.showSummary(lines))
          .catch((error: unknown) => session.showSummary([`The wizard could not run: ${describeError(error)}`]));
        return { controller, session, ended };
      };
    entries.push(
      {
        name: 'recover',
        description: 'guided disaster recovery of this rack (proposes the failure it sees)',
        open: open('Recover', false, (m, session, signal) => m.recoverOnRack(rack, session, signal)),
      },
      {
        name: 'bootstrap',
        description: 'show the MEP-18 bootstrap plan, step by step (dry run)',
        open: open('Bootstrap', true, (m, session, signal) => m.bootstrapOnRack(rack, session, signal)),
      },
      ...RECOVERY_SCENARIOS.map((scenario) => ({
        name: `drill ${scenario}`,
        description: `timed drill of ${scenario} on a private simulated rack`,
        drill: scenario,
        // The drill's runbook exists only once its failure has developed on the private rack; until then, a title.
        open: open(`Drill ${scenario}: letting the failure develop`, false, (m, session, signal) => m.drillOnPrivateRack(rack, scenario, session, signal)),
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
