import { looksEmpty } from '../../src/backups/judge';
import type { Config } from '../../src/config';
import { RackpilotError, UsageError } from '../../src/errors';
import type { RackSnapshot } from '../../src/model/snapshot';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import type { RunResult } from '../../src/wizards/engine/runner';
import { chooseScenario } from './choose-scenario';
import { proposeScenario, type RecoveryScenario, type ScenarioProposal, recordedComponents, recordedScenario, recoverRunbook, recoveryToRun } from '../../src/wizards/runbooks/recover';
import { type RecoveryPlan, restoredBy } from '../../src/wizards/runbooks/recover-plan';
import type { BuiltRunbook } from '../../src/wizards/sim-adapter/sim-run';
import type { Io } from '../io';
import type { OperatorSide } from './operator-side';
import { withResolvedContexts } from './resolve-contexts';
import { runRealWizard } from './run-real-wizard';

/** Run parameter: when the incident started (epoch ms), as assessed when the run began; the report's RPO. */
const INCIDENT_PARAM = 'recover.incidentStart';

export interface RealRecoverOptions {
  readonly config: Config;
  readonly io: Io;
  readonly scenario?: RecoveryScenario;
  readonly dryRun: boolean;
  readonly fresh: boolean;
  readonly fromAudit: boolean;
  /** The command line the summary suggests to run again (default: rackpilot recover). */
  readonly again?: string;
  readonly side: OperatorSide;
  /** Told how the run ended, with the plan it restored and the proposal it started from (a drill's report). */
  readonly onEnd?: (end: RecoverEnd) => void;
  /** A run that succeeds ends the rack's incident (`recover` itself; a drill's recovery of its own injection does not). */
  readonly endsIncident?: boolean;
}

export interface RecoverEnd {
  readonly result: RunResult;
  readonly after: RackSnapshot;
  readonly plan: RecoveryPlan;
  readonly proposal: ScenarioProposal;
  readonly incidentStart?: number;
}

/**
 * `rackpilot recover` on a real rack. What the real procedure covers today: restoring backup-restore-sidecar
 * databases (stop, promote the chosen version, clear the data directory, start, verify the next upload). A plan
 * that would need more (re-installing k3s, powering machines on, etcd or k3s snapshots) is refused before
 * anything runs, naming what is missing.
 */
export function runRealRecover(o: RealRecoverOptions): Promise<number> {
  const s = o.side;
  let plan: RecoveryPlan | undefined;
  let proposal: ScenarioProposal | undefined;
  // The wait for metal-api polls its health through the executor's http call where the config reaches metal-api;
  // without metalApi: the step's check (control planes reachable) is the only wait.
  const pollMetalApi = o.config.metalApi !== undefined;
  const build = (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>): BuiltRunbook | undefined => {
    if (resumed) {
      const scenario = recordedScenario(resumed);
      if (!scenario) throw new RackpilotError('the unfinished run does not record its recovery scenario', { hint: 'start over with --fresh' });
      const components = recordedComponents(resumed);
      const runbook = recoverRunbook(scenario, snapshot, { pollMetalApi, ...(components ? { components } : {}) });
      plan = runbook.plan;
      proposal = proposeScenario(snapshot);
      return { runbook: withResolvedContexts(runbook, o.config.kubernetes) };
    }
    const choice = chooseScenario(snapshot, o.scenario, s.print);
    proposal = choice.proposal;
    const scenario = choice.scenario;
    if (!scenario) return undefined;
    const built = recoveryToRun(scenario, snapshot, { pollMetalApi });
    refuseUncovered(built.runbook.plan);
    plan = built.runbook.plan;
    const incident = snapshot.incident?.startedAt ?? firstEmptyUpload(snapshot, restoredBy(built.runbook.plan).map((c) => c.id));
    return { runbook: withResolvedContexts(built.runbook, o.config.kubernetes), params: { ...built.params, ...(incident !== undefined ? { [INCIDENT_PARAM]: String(incident) } : {}) } };
  };
  const incidentStart = (params: Readonly<Record<string, string>>) => {
    const t = Number(params[INCIDENT_PARAM]);
    return params[INCIDENT_PARAM] !== undefined && Number.isFinite(t) ? t : undefined;
  };
  return runRealWizard({
    runbookId: 'recover',
    config: o.config,
    env: o.io.env,
    stateDir: defaultStateDir(o.io.env),
    dryRun: o.dryRun,
    fresh: o.fresh,
    fromAudit: o.fromAudit,
    build,
    incidentStart,
    ...(o.onEnd
      ? {
          onEnd: ({ result, after, params }: { result: RunResult; after: RackSnapshot; params: Readonly<Record<string, string>> }) => {
            const t = incidentStart(params);
            if (plan && proposal) o.onEnd?.({ result, after, plan, proposal, ...(t !== undefined ? { incidentStart: t } : {}) });
          },
        }
      : {}),
    again: o.again ?? 'rackpilot recover',
    side: s,
    ...(o.endsIncident ? { endsIncident: true } : {}),
  });
}

function refuseUncovered(plan: ReturnType<typeof recoverRunbook>['plan']): void {
  const missing: string[] = [];
  if (plan.bootstrap !== undefined) missing.push('re-installing the bootstrap node');
  if (plan.machines.length) missing.push('powering machines on');
  for (const c of restoredBy(plan)) if (c.tool !== 'backup-restore-sidecar') missing.push(`restoring ${c.id} (${c.tool})`);
  if (missing.length === 0) return;
  throw new UsageError(`recover: on a real rack this plan needs ${missing.join(', ')}, which the real procedure does not cover yet`, {
    hint: 'rackpilot recover restores backup-restore-sidecar databases on a real rack; rehearse the rest on the simulated rack (mode: sim)',
  });
}

/**
 * Without a declared incident: the first upload after the proposed version that looks empty (the database started
 * on an empty data directory then), across the components to restore; what the RPO is measured from.
 */
function firstEmptyUpload(snapshot: RackSnapshot, ids: readonly string[]): number | undefined {
  const times = ids.flatMap((id) => {
    const verdict = snapshot.backupVerdicts.get(id);
    const after = verdict?.proposal?.version.time ?? Number.NEGATIVE_INFINITY;
    return (verdict?.versions ?? []).filter((v) => v.version.time > after && looksEmpty(v.flags)).map((v) => v.version.time);
  });
  return times.length ? Math.min(...times) : undefined;
}
