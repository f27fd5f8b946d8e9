import type { RackSnapshot } from '../../model/snapshot';
import { proposeScenario, type RecoveryScenario, SCENARIO_TITLES } from './scenario';
import type { Runbook, Step } from '../engine/types';
import { planRecovery, type RecoveryPlan } from './recover-plan';
import { assessStep, fenceStep, powerOnStep, restoreStep, resumeStep, verifyStep } from './recover-steps';

export { isRecoveryScenario, proposeScenario, RECOVERY_SCENARIOS, type RecoveryScenario, type ScenarioProposal } from './scenario';
export { planRecovery, type RecoveryPlan } from './recover-plan';
export { confirmKey, versionKey } from './recover-steps';

export interface RecoverOptions {
  /** Health option: a version below this share of the last good one looks empty. */
  readonly sizeDropRatio?: number;
}

/**
 * Guided disaster recovery: assess, fence backups, bring machines back, restore each lost database from a chosen
 * version, verify, resume backups. Built from the snapshot the operator assessed; every check reads the live one.
 */
export function recoverRunbook(scenario: RecoveryScenario, snapshot: RackSnapshot, options: RecoverOptions = {}): Runbook & { plan: RecoveryPlan } {
  const ratio = options.sizeDropRatio ?? 0.5;
  const plan = planRecovery(scenario, snapshot, ratio);
  const proposal = proposeScenario(snapshot, ratio);
  const builtAt = snapshot.takenAt;
  // New versions must be newer than the incident (or, without one, than this assessment) to prove a restore.
  const since = (ctx: { incidentStart?: number; snapshot: RackSnapshot }) => ctx.incidentStart ?? ctx.snapshot.incident?.startedAt ?? builtAt;
  const fenced = plan.restore.length > 0;
  const steps: Step[] = [
    assessStep(scenario, proposal, ratio),
    ...(fenced ? [fenceStep(plan.restore)] : []),
    ...(plan.bootstrap !== undefined || plan.machines.length ? [powerOnStep(plan)] : []),
    ...plan.restore.map((c) => restoreStep(c)),
    verifyStep(),
    ...(fenced ? [resumeStep(plan.restore, since, ratio)] : []),
  ];
  return {
    id: 'recover',
    title: `Recover: ${SCENARIO_TITLES[scenario]}`,
    description: describe(plan),
    steps,
    plan,
  };
}

function describe(plan: RecoveryPlan): string {
  const parts: string[] = [];
  if (plan.bootstrap !== undefined) parts.push('re-provision the bootstrap node');
  if (plan.machines.length) parts.push(`power on ${plan.machines.length} machine(s)`);
  if (plan.restore.length) parts.push(`restore ${plan.restore.map((c) => c.id).join(', ')}`);
  return `${SCENARIO_TITLES[plan.scenario]}: ${parts.join('; ') || 'verify only'}.`;
}
