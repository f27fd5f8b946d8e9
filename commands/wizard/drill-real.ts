import type { Config } from '../../src/config';
import { UsageError } from '../../src/errors';
import type { RackSnapshot } from '../../src/model/snapshot';
import { summariseDrill } from '../../src/wizards/drill/drill-result';
import { drillTarget, INJECT_RUNBOOK_ID, injectEmptyBackupRunbook } from '../../src/wizards/drill/real-inject';
import { realDrillFacts } from '../../src/wizards/drill/real-facts';
import { callText } from '../../src/wizards/engine/calls';
import { resolveContext } from '../../src/wizards/real-executor/kube-targets';
import type { RunResult } from '../../src/wizards/engine/runner';
import { writeReport } from '../../src/wizards/drill/report';
import type { VersionOffer } from '../../src/wizards/engine/types';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import type { RecoveryScenario } from '../../src/wizards/runbooks/scenario';
import type { Io } from '../io';
import { drillLines } from './drill-lines';
import type { OperatorSide } from './operator-side';
import { type RecoverEnd, runRealRecover } from './recover-real';
import { withResolvedContexts } from './resolve-contexts';
import { runRealWizard } from './run-real-wizard';

/** Run parameter of the injection: the backup component whose database it breaks. */
const TARGET_PARAM = 'drill.component';

export interface RealDrillOptions {
  readonly config: Config;
  readonly io: Io;
  readonly scenario: RecoveryScenario;
  readonly report?: string;
  readonly fresh: boolean;
  /** Show the injection (its calls and the text it would ask to type), do nothing, and stop there. */
  readonly dryRun: boolean;
  readonly side: OperatorSide;
}

/**
 * `drill --real`: a drill on a real (lab) rack, destructive by design. First the injection, a runbook of its own
 * (each call shown, the step confirmed by typing, audited; it waits until the backup judge flags the size drop), then the same
 * real recovery as `recover` (typed version confirmation), then the report. Both are durable runs of their own: a
 * drill killed after its injection finds the failure there and goes on with the recovery.
 */
export async function runRealDrill(o: RealDrillOptions): Promise<number> {
  const s = o.side;
  const again = `rackpilot drill --real --scenario ${o.scenario}`;
  // Each part's summary goes to the notes; the drill's summary at the end has them all.
  const notes: string[] = [];
  const part = (side: OperatorSide): OperatorSide => ({ ...side, finish: async (lines) => void notes.push(...lines) });
  let injected = false;
  let already = false;
  let injection: RunResult | undefined;
  let injectedComponent: string | undefined;
  const injectionCalls: string[] = [];
  const build = (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>) => {
    const id = resumed?.[TARGET_PARAM];
    const target = id !== undefined ? snapshot.backups.find((b) => b.id === id) : drillTarget(snapshot);
    if (!target) {
      if (!id && snapshot.backups.some((b) => b.tool === 'backup-restore-sidecar' && snapshot.backupVerdicts.get(b.id)?.sizeDrop)) {
        already = true;
        s.print('The size drop is already there (a drill interrupted after its injection?): nothing is injected, the recovery follows.');
        return undefined;
      }
      throw new UsageError(`drill: no backup-restore-sidecar database with a good backup version to drill on${id ? ` (the unfinished injection names ${id})` : ''}`, {
        hint: 'a real drill breaks a database whose backups the judge finds good now; see README: Drills on a real rack',
      });
    }
    injectedComponent = target.id;
    return { runbook: withResolvedContexts(injectEmptyBackupRunbook(target, o.config.rack.name, { context: (c) => resolveContext(o.config.kubernetes, c) }), o.config.kubernetes), params: { [TARGET_PARAM]: target.id } };
  };
  const injectCode = await runRealWizard({
    runbookId: INJECT_RUNBOOK_ID,
    config: o.config,
    env: o.io.env,
    stateDir: defaultStateDir(o.io.env),
    dryRun: o.dryRun,
    fresh: o.fresh,
    fromAudit: false,
    build,
    onEnd: ({ result }) => {
      injected = result.state === 'done';
      injection = result;
    },
    again,
    side: {
      ...part(s),
      // The report lists the calls the injection ran, exactly as they were shown.
      onEvent: (e) => {
        if (e.type === 'action-start' && !e.dryRun) injectionCalls.push(...e.action.calls.map(callText));
        s.onEvent(e);
      },
    },
  });
  if (o.dryRun) {
    const next = `Then the recovery: its plan depends on the failure, so see it once the size drop is flagged with: rackpilot recover --dry-run --scenario ${o.scenario}`;
    await s.finish([...notes, '', 'Dry run of the injection: nothing was changed, nothing was typed.', next]);
    return injectCode;
  }
  if (!injected && !already) {
    await s.finish([...notes, '', 'The injection did not finish: no recovery was started.']);
    return injectCode === 0 ? 1 : injectCode;
  }
  const offers = new Map<string, VersionOffer>();
  let end: RecoverEnd | undefined;
  const code = await runRealRecover({
    config: o.config,
    io: o.io,
    scenario: o.scenario,
    dryRun: false,
    fresh: false,
    fromAudit: false,
    again,
    onEnd: (e) => {
      end = e;
    },
    side: {
      ...part(s),
      onEvent: (e) => {
        if (e.type === 'question') offers.set(e.offer.component.id, e.offer);
        s.onEvent(e);
      },
    },
  });
  if (!end) {
    await s.finish(notes);
    return code;
  }
  const drill = summariseDrill({
    scenario: o.scenario,
    realRack: o.config.rack.name,
    seed: 0,
    speed: 1,
    proposal: end.proposal,
    plan: end.plan,
    result: end.result,
    after: end.after,
    incidentStart: end.incidentStart ?? end.result.startedAt,
    offers,
    real: realDrillFacts({
      rack: o.config.rack.name,
      ...(injection ? { injection, injectionCalls } : {}),
      ...(injectedComponent ? { injectedComponent } : {}),
      recovery: end.result,
      after: end.after,
    }),
  });
  if (o.report) writeReport(o.report, drill);
  await s.finish([...notes, '', ...drillLines(drill, o.report)]);
  return code;
}
