import { counted } from '../../text/count';
import type { BackupComponent } from '../../model/backup';
import { MINUTE } from '../../model/time';
import type { Action, Step, StepContext } from '../engine/types';
import { all, backupsPaused, bootstrapUp, controlPlanesReachable, machinesProvisioned, noCritical, sessionsEstablished, shootsHealthy } from './checks';
import { metalApiCalls, powerOnCalls, reprovisionCalls, startCalls, stopCalls, k3sSnapshotsOnCalls, whereItRuns } from './real-procedure';
import type { RecoveryPlan } from './recover-plan';
import { type RecoveryScenario, type ScenarioProposal, scenarioPresent } from './scenario';
import { componentLabel, nameList } from './scenario-facts';

/** The steps around the restores: assess, re-install k3s, fence, wait for metal-api, power on, verify. */

export function assessStep(scenario: RecoveryScenario, proposal: ScenarioProposal): Step {
  return {
    id: 'assess',
    title: 'Assess the damage',
    explanation: `${proposal.summary} Nothing is changed in this step; it only confirms the failure is really there before anything is touched.`,
    destructive: false,
    preconditions: [
      {
        description: `the ${scenario} failure is present`,
        test: (ctx) =>
          scenarioPresent(scenario, ctx.snapshot)
            ? { ok: true, detail: `${scenario}: confirmed on the live rack` }
            : { ok: false, detail: `the rack does not show ${scenario} (any more): nothing to recover` },
      },
    ],
    actions: () => [],
  };
}

export function reprovisionStep(plan: RecoveryPlan, bootstrap: string): Step {
  const k3s = plan.k3s;
  return {
    id: 'reprovision',
    title: 'Re-install the bootstrap node and k3s',
    explanation:
      'Install the OS and k3s on the bootstrap node again, with scheduled etcd snapshots OFF: a fresh, empty k3s ' +
      'must not write snapshots that push the good ones out of the retention (k3s keeps 5). k3s comes up empty; ' +
      'its state comes back in the next step, from the snapshot you choose.',
    destructive: false,
    preconditions: [],
    actions: () => [
      {
        id: 'reprovision',
        description: `re-install bootstrap node ${bootstrap} with k3s, scheduled snapshots off`,
        effect: { op: 'reprovision-bootstrap', id: bootstrap, snapshotsOf: k3s?.id ?? 'k3s-etcd' },
        calls: reprovisionCalls(),
        destructive: false,
        undo: { what: 'scheduled k3s etcd snapshots are still OFF', calls: k3sSnapshotsOnCalls() },
      },
    ],
    verify: { description: 'bootstrap node up, k3s answering', test: (ctx) => all(bootstrapUp, controlPlanesReachable(['k3s']))(ctx.snapshot), timeout: 30 * MINUTE },
  };
}

/**
 * Stop every database about to be restored before it can upload anything: a database on an empty data directory
 * uploads its empty state every few minutes (the thesis saw "a new backup instead of a restore"), pushing good
 * versions towards expiry. Stopping the StatefulSet is what stops the uploads; it also stops the database.
 */
export function fenceStep(id: string, components: readonly BackupComponent[], layer: 'initial' | 'nested'): Step {
  const ids = components.map((c) => c.id);
  const effect =
    layer === 'initial'
      ? 'metal-api and the initial Gardener stop answering until their databases are restored and started (machines and API clients wait meanwhile)'
      : 'the nested control planes stay down until their databases are restored; their shoots\' API servers run in the seed and take the calls';
  return {
    id,
    title: `Stop the ${layer} databases to be restored`,
    explanation:
      `Scale the StatefulSet of each database to be restored to 0: ${nameList(ids, 6)}. This stops the database ` +
      'and its backup sidecar, so no new (possibly empty) upload can push a good version towards expiry (20 ' +
      `versions at */3 is about an hour) or become the version a restore picks. While they are stopped, ${effect}.`,
    destructive: false,
    preconditions:
      layer === 'nested'
        ? [{ description: 'the initial Gardener answers (the shoots\' API servers run in its seed)', test: (ctx) => controlPlanesReachable(['initial-gardener'])(ctx.snapshot) }]
        : [],
    actions: () =>
      components.map((c): Action => ({
        id: `stop-${c.id}`,
        description: `stop ${componentLabel(c)}: ${whereItRuns(c)} scaled to 0`,
        effect: { op: 'stop-database', component: c.id },
        calls: stopCalls(c),
        destructive: false,
        undo: { what: `${componentLabel(c)} is STILL STOPPED, and its backups with it`, calls: startCalls(c) },
      })),
    verify: { description: 'the databases are stopped and upload nothing', test: (ctx) => backupsPaused(ids, true)(ctx.snapshot), timeout: 5 * MINUTE },
  };
}

export function metalApiStep(poll = true): Step {
  return {
    id: 'metal-api',
    title: 'Wait for metal-api and Gardener to answer',
    explanation:
      'The initial control planes start on their restored databases. Nothing else may come back before metal-api ' +
      'answers: a machine that powers on PXE-boots into metal-hammer, which asks metal-api what to do; powered on ' +
      'earlier, it waits or registers into a database that is about to be overwritten.',
    destructive: false,
    preconditions: [],
    actions: () => (poll ? [{ id: 'metal-api', description: 'poll metal-api until it answers', effect: { op: 'none' }, calls: metalApiCalls(), destructive: false }] : []),
    verify: {
      description: 'initial metal-stack and Gardener control planes reachable',
      test: (ctx) => controlPlanesReachable(['initial-metal-stack', 'initial-gardener'])(ctx.snapshot),
      timeout: 20 * MINUTE,
    },
  };
}

export function powerOnStep(machines: readonly string[]): Step {
  return {
    id: 'power-on',
    title: 'Power on the lost machines',
    explanation:
      `Power on ${counted(machines.length, 'machine')}. They PXE-boot into metal-hammer, register with metal-api and are ` +
      'reinstalled with their allocation until they phone home; the shoots get their workers back. Their databases ' +
      'stay stopped until restored, so nothing that starts empty can overwrite a good backup.',
    destructive: false,
    preconditions: [{ description: 'metal-api answers (metal-hammer asks it what to do)', test: (ctx) => controlPlanesReachable(['initial-metal-stack'])(ctx.snapshot) }],
    actions: (ctx) => powerOnActions(machines, ctx),
    verify: { description: 'machines Phoned Home', test: (ctx) => machinesProvisioned(machines)(ctx.snapshot), timeout: 45 * MINUTE },
  };
}

function powerOnActions(ids: readonly string[], ctx: StepContext): Action[] {
  const byId = new Map(ctx.snapshot.machines.map((m) => [m.id, m]));
  return ids.map((id) => {
    const m = byId.get(id);
    return {
      id: `power-on-${id}`,
      description: `power on ${m?.name || id}`,
      effect: { op: 'power-on', ids: [id] },
      calls: m ? powerOnCalls(m) : [{ kind: 'manual', instruction: `power on ${id}` }],
      destructive: false,
    };
  });
}

export function verifyStep(): Step {
  return {
    id: 'verify',
    title: 'Verify the rack is healthy',
    explanation:
      'Wait until the affected areas are healthy again: every BGP session Established, every shoot condition True, ' +
      'every control plane reachable and no critical finding outside the backups (those clear with the next uploads).',
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
