import type { RackSnapshot } from '../../model/snapshot';
import type { Runbook, Step } from '../engine/types';
import { planRecovery, type RecoveryPlan, restoredBy } from './recover-plan';
import { assessStep, fenceStep, metalApiStep, powerOnStep, reprovisionStep, verifyStep } from './recover-steps';
import { restoreStep, resumeStep } from './restore-steps';
import { isRecoveryScenario, proposeScenario, type RecoveryScenario, SCENARIO_PARAM, SCENARIO_TITLES } from './scenario';

export { isRecoveryScenario, proposeScenario, RECOVERY_SCENARIOS, type RecoveryScenario, SCENARIO_PARAM, type ScenarioProposal } from './scenario';
export { planRecovery, type RecoveryPlan } from './recover-plan';

/**
 * Guided disaster recovery, in the order metal-stack boots: assess; re-install k3s and restore its state; stop and
 * restore the initial control planes' databases; wait for metal-api; stop the nested databases, power the machines
 * on, restore the nested databases; verify; confirm the backups. Built from the snapshot the operator assessed;
 * every check reads the live one.
 */
export function recoverRunbook(scenario: RecoveryScenario, snapshot: RackSnapshot): Runbook & { plan: RecoveryPlan } {
  const plan = planRecovery(scenario, snapshot);
  const proposal = proposeScenario(snapshot);
  const builtAt = snapshot.takenAt;
  // New versions must be newer than the incident (or, without one, than this assessment) to prove a restore.
  const since = (ctx: { snapshot: RackSnapshot }) => ctx.snapshot.incident?.startedAt ?? builtAt;
  const restored = restoredBy(plan);
  const initialTouched = plan.bootstrap !== undefined || plan.initial.length > 0;
  const steps: Step[] = [
    assessStep(scenario, proposal),
    ...(plan.bootstrap !== undefined ? [reprovisionStep(plan, plan.bootstrap)] : []),
    ...(plan.k3s ? [restoreStep(plan.k3s)] : []),
    ...(plan.initial.length ? [fenceStep('stop-initial', plan.initial, 'initial'), ...plan.initial.map(restoreStep)] : []),
    ...(initialTouched ? [metalApiStep()] : []),
    ...(plan.nested.length ? [fenceStep('stop-nested', plan.nested, 'nested')] : []),
    ...(plan.machines.length ? [powerOnStep(plan.machines)] : []),
    ...plan.nested.map(restoreStep),
    verifyStep(),
    ...(restored.length ? [resumeStep(restored, since)] : []),
  ];
  return { id: 'recover', title: `Recover: ${SCENARIO_TITLES[scenario]}`, description: describe(plan), steps, plan };
}

/** A recovery runbook with the parameter a resume needs to build it again. */
export function recoveryToRun(scenario: RecoveryScenario, snapshot: RackSnapshot): { runbook: ReturnType<typeof recoverRunbook>; params: Record<string, string> } {
  return { runbook: recoverRunbook(scenario, snapshot), params: { [SCENARIO_PARAM]: scenario } };
}

/** The scenario a run's parameters record, if they record one this version knows. */
export function recordedScenario(params: Readonly<Record<string, string>> | undefined): RecoveryScenario | undefined {
  const scenario = params?.[SCENARIO_PARAM];
  return scenario !== undefined && isRecoveryScenario(scenario) ? scenario : undefined;
}

function describe(plan: RecoveryPlan): string {
  const parts: string[] = [];
  if (plan.bootstrap !== undefined) parts.push('re-install the bootstrap node and k3s');
  const restored = restoredBy(plan);
  if (restored.length) parts.push(`restore ${restored.map((c) => c.id).join(', ')}`);
  if (plan.machines.length) parts.push(`power on ${plan.machines.length} machine(s) once metal-api answers`);
  return `${SCENARIO_TITLES[plan.scenario]}: ${parts.join('; ') || 'verify only'}.`;
}
