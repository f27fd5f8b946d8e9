import type { Clock } from '../../clock';
import type { Millis } from '../../model/time';
import { sleep } from '../engine/sleep';
import type { FailureDecision, Interaction } from '../engine/types';

export interface AutoInteractionOptions {
  /** Waits between retries run on this clock, so a drill on a fast clock retries in rack time. */
  readonly clock: Clock;
  /** Failures retried per step before giving up. @default 3 */
  readonly retries?: number;
  /** Wait before each retry, giving the rack time to catch up. @default 30 s */
  readonly retryDelay?: Millis;
  /** What to do once retries are used up. @default 'abort' */
  readonly finally?: Exclude<FailureDecision, 'retry'>;
  /** Sees every question and answer, e.g. to print them. */
  readonly onAnswer?: (key: string, answer: string | undefined) => void;
}

/**
 * `--auto`: takes what the wizard proposes. Versions and options are the preselected ones (never blindly the
 * newest), typed confirmations are typed as expected, every step runs, failures are retried a few times then the
 * run aborts. Meant for the simulator and drills, where nobody sits at the keyboard.
 */
export function createAutoInteraction(options: AutoInteractionOptions): Interaction {
  const failures = new Map<string, number>();
  return {
    confirmStep: async () => 'run',
    async ask(question, ctx, offer) {
      let answer: string | undefined;
      if (question.kind === 'confirm-typed') answer = question.expected(ctx);
      else if (question.kind === 'choose') answer = offer.preselected ?? offer.options?.[0]?.value;
      // No good version means a human must decide: cancelling restores nothing, which is the safe side.
      else answer = offer.preselected;
      options.onAnswer?.(question.key, answer);
      return answer;
    },
    async onFailure(step) {
      const count = (failures.get(step.id) ?? 0) + 1;
      failures.set(step.id, count);
      if (count > (options.retries ?? 3)) return options.finally ?? 'abort';
      await sleep(options.clock, options.retryDelay ?? 30_000);
      return 'retry';
    },
  };
}
