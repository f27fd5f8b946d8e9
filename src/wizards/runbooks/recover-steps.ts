import type { BackupComponent } from '../../model/backup';
import { MINUTE } from '../../model/time';
import { formatBytes } from '../../text/format-bytes';
import { type RecoveryScenario, type ScenarioProposal, scenarioPresent } from './scenario';
import type { Action, Step, StepContext } from '../engine/types';
import { confirmationText } from '../version-choice';
import { all, backupsPaused, bootstrapUp, controlPlanesReachable, machinesProvisioned, newGoodVersions, noCritical, sessionsEstablished, shootsHealthy } from './checks';
import { commandLine } from '../../shell-quote';
import { fenceCommand, powerOnCommand, REPROVISION_BOOTSTRAP, restoreCommand, resumeCommand } from './real-procedure';
import { componentLabel, controlPlaneOf, type RecoveryPlan } from './recover-plan';
import { isoMinutes } from '../../text/time-text';

const onReal = (argv: readonly string[]) => ` — on a real rack: ${commandLine(argv)}`;

export function assessStep(scenario: RecoveryScenario, proposal: ScenarioProposal, sizeDropRatio: number): Step {
  return {
    id: 'assess',
    title: 'Assess the damage',
    explanation: `${proposal.summary} Nothing is changed in this step; it only confirms the failure is really there before anything is touched.`,
    destructive: false,
    preconditions: [
      {
        description: `the ${scenario} failure is present`,
        test: (ctx) =>
          scenarioPresent(scenario, ctx.snapshot, sizeDropRatio)
            ? { ok: true, detail: `${scenario}: confirmed on the live rack` }
            : { ok: false, detail: `the rack does not show ${scenario} (any more): nothing to recover` },
      },
    ],
    actions: () => [],
  };
}

export function fenceStep(components: readonly BackupComponent[]): Step {
  const ids = components.map((c) => c.id);
  return {
    id: 'fence',
    title: 'Fence automatic backups',
    explanation:
      'Stop the scheduled backups of every component that will be restored, before anything comes back. A database ' +
      'that starts on an empty data directory uploads its empty state every few minutes (the mini-rack thesis saw ' +
      '"a new backup instead of a restore"); every such upload pushes a good version towards expiry (20 versions at ' +
      '*/3 is about an hour) and makes the empty one the version an automatic restore would pick.',
    destructive: false,
    preconditions: [],
    actions: () =>
      components.map((c) => ({
        id: `pause-${c.id}`,
        description: `pause scheduled backups of ${componentLabel(c)}${onReal(fenceCommand(c))}`,
        spec: { kind: 'sim', op: 'pause-backups', args: { component: c.id } },
        destructive: false,
      })),
    verify: { description: 'backups of the fenced components are paused', test: (ctx) => backupsPaused(ids, true)(ctx.snapshot), timeout: MINUTE },
  };
}

export function powerOnStep(plan: RecoveryPlan): Step {
  const { machines } = plan;
  const down = plan.bootstrap !== undefined;
  const what = [down ? 'the bootstrap node (k3s)' : '', machines.length ? `${machines.length} machine(s)` : ''].filter(Boolean).join(' and ');
  return {
    id: 'power-on',
    title: down ? 'Re-provision and power on' : 'Power on the lost machines',
    explanation:
      `Bring back ${what}. ` +
      (down ? 'The bootstrap node boots k3s, which starts the initial metal-stack and Gardener control planes; ' : '') +
      (machines.length ? 'machines PXE-boot, register with metal-api and are reinstalled with their allocation until they phone home; ' : '') +
      'the nested control planes follow once their shoots have ready workers. With backups fenced, nothing that starts empty can overwrite a good backup.',
    destructive: false,
    preconditions: [],
    actions: (ctx) => powerOnActions(plan, ctx),
    verify: {
      description: 'bootstrap node up, machines Phoned Home, control planes reachable',
      test: (ctx) => all(bootstrapUp, machinesProvisioned(machines), controlPlanesReachable())(ctx.snapshot),
      timeout: 45 * MINUTE,
    },
  };
}

function powerOnActions(plan: RecoveryPlan, ctx: StepContext): Action[] {
  const byId = new Map(ctx.snapshot.machines.map((m) => [m.id, m]));
  const ids = [...(plan.bootstrap !== undefined ? [plan.bootstrap] : []), ...plan.machines];
  return ids.map((id) => {
    const m = byId.get(id);
    const real = m ? powerOnCommand(m) : REPROVISION_BOOTSTRAP;
    return {
      id: `power-on-${id}`,
      description: `power on ${m ? m.name || id : `bootstrap node ${id} and re-install k3s if its disk is gone`}${onReal(real)}`,
      spec: { kind: 'sim', op: 'power-on', args: { ids: [id] } },
      destructive: false,
    };
  });
}

export const versionKey = (c: BackupComponent) => `version:${c.id}`;
export const confirmKey = (c: BackupComponent) => `confirm:${c.id}`;

export function restoreStep(component: BackupComponent): Step {
  const label = componentLabel(component);
  const live = (ctx: StepContext) => ctx.snapshot.backups.find((b) => b.id === component.id) ?? component;
  return {
    id: `restore-${component.id}`,
    title: `Restore ${label}`,
    explanation:
      `Pick the version of ${label} to restore. The newest is not automatically right: a version written after the ` +
      'incident started, or much smaller than the ones before it, probably holds an empty database. The wizard ' +
      'proposes the newest version that looks good. The restore overwrites the database, so you type the ' +
      'component and the start of the version id to confirm.',
    destructive: true,
    preconditions: [{ description: `backups of ${component.id} are fenced`, test: (ctx) => backupsPaused([component.id], true)(ctx.snapshot) }],
    questions: [
      { kind: 'choose-version', key: versionKey(component), componentId: component.id },
      {
        kind: 'confirm-typed',
        key: confirmKey(component),
        prompt: `Type the component and the first 8 characters of the version id to overwrite ${label}`,
        expected: (ctx) => confirmationText(live(ctx), ctx.answers[versionKey(component)] ?? ''),
      },
    ],
    actions: (ctx) => {
      const versionId = ctx.answers[versionKey(component)] ?? '';
      const c = live(ctx);
      const v = c.versions.find((x) => x.versionId === versionId);
      const what = v ? `version ${versionId.slice(0, 8)} of ${isoMinutes(v.time)} UTC (${formatBytes(v.size)})` : `version ${versionId}`;
      return [
        {
          id: 'restore',
          description: `restore ${label} from ${what}${v ? onReal(restoreCommand(c, v)) : ''}`,
          spec: { kind: 'sim', op: 'restore-backup', args: { component: component.id, version: versionId } },
          destructive: true,
        },
      ];
    },
    verify: {
      description: `the control plane holding ${label} answers`,
      test: (ctx) => {
        const cp = controlPlaneOf(component, ctx.snapshot.controlPlanes);
        return cp ? controlPlanesReachable([cp.id])(ctx.snapshot) : { ok: true, detail: 'restored' };
      },
      timeout: 15 * MINUTE,
    },
  };
}

export function verifyStep(): Step {
  return {
    id: 'verify',
    title: 'Verify the rack is healthy',
    explanation:
      'Wait until the affected areas are healthy again: every BGP session Established, every shoot condition True, ' +
      'every control plane reachable and no critical finding outside the backups (those clear after resuming them).',
    destructive: false,
    preconditions: [],
    actions: () => [],
    verify: {
      description: 'sessions Established, shoots True, control planes reachable, no critical findings',
      test: (ctx) =>
        all(sessionsEstablished, shootsHealthy, controlPlanesReachable(), noCritical(['topology', 'bgp', 'machines', 'shoots', 'control-planes']))(ctx.snapshot),
      timeout: 30 * MINUTE,
    },
  };
}

export function resumeStep(components: readonly BackupComponent[], since: (ctx: StepContext) => number, sizeDropRatio: number): Step {
  const ids = components.map((c) => c.id);
  return {
    id: 'resume-backups',
    title: 'Resume backups',
    explanation:
      'Switch the scheduled backups back on. The next upload of each restored database must be about the size of ' +
      'the restored version: that proves the restore holds real data, and only then is the fence lifted for good.',
    destructive: false,
    preconditions: [],
    actions: () =>
      components.map((c) => ({
        id: `resume-${c.id}`,
        description: `resume scheduled backups of ${componentLabel(c)}${onReal(resumeCommand(c))}`,
        spec: { kind: 'sim', op: 'resume-backups', args: { component: c.id } },
        destructive: false,
      })),
    verify: {
      description: 'backups running, a new good version uploaded, no critical backup findings',
      test: (ctx) => all(backupsPaused(ids, false), newGoodVersions(ids, () => since(ctx), sizeDropRatio), noCritical(['backups']))(ctx.snapshot),
      timeout: 20 * MINUTE,
    },
  };
}
