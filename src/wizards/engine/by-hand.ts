import type { RunContext } from './run-context';
import type { ByHandCheck, CheckResult, FailureDecision, Step } from './types';

/** A check result that no live source could give: what the operator is asked to check by hand. */
export function byHandCheck(description: string, result: CheckResult): ByHandCheck | undefined {
  return result.byHand === undefined ? undefined : { description, why: result.detail, instruction: result.byHand };
}

/**
 * Asks the operator to confirm by hand what no configured source can read. Such a check never passes by itself:
 * an operator side without a by-hand prompt gets the failure prompt instead (retry reads again, skip, abort).
 * The answer is audited with what was asked.
 */
export async function askByHand(rc: RunContext, step: Step, check: ByHandCheck): Promise<'confirmed' | FailureDecision> {
  const confirm = rc.o.interaction.confirmByHand?.bind(rc.o.interaction);
  if (!confirm) return rc.failure(step, `cannot be checked from a live source (${check.why}): ${check.description}; check by hand: ${check.instruction}`);
  const decision = await rc.ask(() => confirm(step, check));
  rc.emit({ type: 'by-hand', stepId: step.id, check, decision });
  rc.audit({ event: 'decision', step: step.id, outcome: decision === 'confirmed' ? 'confirmed-by-hand' : 'abort', detail: `by hand (${check.why}): ${check.description}` });
  return decision;
}
