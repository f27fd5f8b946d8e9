import { describeError } from '../../errors';
import type { Flow, RunContext } from './run-context';
import type { Action, Step, StepContext, TypedConfirmation } from './types';

/** The typed confirmation a step asks for, from the live snapshot; a runbook bug is said, never run past. */
export function typedRequest(step: Step, ctx: StepContext): TypedConfirmation | string | undefined {
  if (!step.typed) return undefined;
  try {
    return step.typed(ctx);
  } catch (error) {
    return `the confirmation of "${step.title}" could not be built: ${describeError(error)}`;
  }
}

/**
 * A step confirmed by typing (a drill's injection destroys a volume on purpose): the operator sees exactly what
 * will be done and types the text; anything else, or no answer, cancels the run before any of its actions. The
 * audit log records the text asked for and whether it matched, never what was typed.
 */
export async function confirmByTyping(rc: RunContext, step: Step, actions: readonly Action[], request: TypedConfirmation, ctx: StepContext): Promise<Flow> {
  const typed = await rc.ask(() => rc.o.interaction.confirmTyped(step, actions, request, ctx));
  if (typed === undefined || typed.trim() !== request.text) {
    rc.reason = typed === undefined ? `"${step.title}" was not confirmed: nothing was done` : `the typed confirmation did not match "${request.text}": nothing was done`;
    rc.audit({ event: 'decision', step: step.id, outcome: 'cancelled', detail: rc.reason });
    return 'cancel';
  }
  rc.audit({ event: 'decision', step: step.id, outcome: 'run', detail: `confirmed by typing "${request.text}": ${request.what.join(' ')}` });
  return 'ok';
}
