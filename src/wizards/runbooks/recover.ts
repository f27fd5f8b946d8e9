import { counted } from '../../text/count';
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
export interface RecoverOptions {
  /**
   * Poll metal-api's health endpoint in its own action (default). A real rack without HTTP calls in its executor
   * leaves it out: the step's verify waits for the initial control planes either way.
   */
  readonly pollMetalApi?: boolean;
  /** The components an earlier assessment chose to restore (see planRecovery); recorded in the run's params. */
  readonly components?: readonly string[];
}

/** The run parameter that records the restored components, so a resume plans the same restores. */
export const COMPONENTS_PARAM = 'recover.components';

export function recoverRunbook(scenario: RecoveryScenario, snapshot: RackSnapshot, options: RecoverOptions = {}): Runbook & { plan: RecoveryPlan } {
  const plan = planRecovery(scenario, snapshot, options.components);
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
    ...(initialTouched ? [metalApiStep(options.pollMetalApi ?? true)] : []),
    ...(plan.nested.length ? [fenceStep('stop-nested', plan.nested, 'nested')] : []),
    ...(plan.machines.length ? [powerOnStep(plan.machines)] : []),
    ...plan.nested.map(restoreStep),
    verifyStep(),
    ...(restored.length ? [resumeStep(restored, since)] : []),
  ];
  return { id: 'recover', title: `Recover: ${SCENARIO_TITLES[scenario]}`, description: describe(plan), steps, plan };
}

/** A recovery runbook with the parameter a resume needs to build it again. */
export function recoveryToRun(scenario: RecoveryScenario, snapshot: RackSnapshot, options: RecoverOptions = {}): { runbook: ReturnType<typeof recoverRunbook>; params: Record<string, string> } {
  const runbook = recoverRunbook(scenario, snapshot, options);
  return { runbook, params: { [SCENARIO_PARAM]: scenario, [COMPONENTS_PARAM]: restoredBy(runbook.plan).map((c) => c.id).join(',') } };
}

/** The components a run's parameters record (absent in runs of older versions). */
export function recordedComponents(params: Readonly<Record<string, string>> | undefined): string[] | undefined {
  const list = params?.[COMPONENTS_PARAM];
  return list === undefined ? undefined : list.split(',').filter(Boolean);
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
  if (plan.machines.length) parts.push(`power on ${counted(plan.machines.length, 'machine')} once metal-api answers`);
  return `${SCENARIO_TITLES[plan.scenario]}: ${parts.join('; ') || 'verify only'}.`;
}
