import { confirmationText, versionName } from '../../backups/judge';
import type { Clock } from '../../clock';
import type { Millis } from '../../model/time';
import { sleep } from '../engine/sleep';
import type { FailureDecision, Interaction, Print } from '../engine/types';

export interface AutoInteractionOptions {
  /** Waits between retries run on this clock, so a drill on a fast clock retries in rack time. */
  readonly clock: Clock;
  /** Failures retried per step before giving up. @default 3 */
  readonly retries?: number;
  /** Wait before each retry, giving the rack time to catch up. @default 30 s */
  readonly retryDelay?: Millis;
  /** What to do once retries are used up. @default 'abort' */
  readonly finally?: Exclude<FailureDecision, 'retry'>;
  /** Says every choice and every retry, so an unattended run leaves a readable trail. */
  readonly print?: Print;
}

/**
 * `--auto`: takes what the wizard proposes. The version is the backup judge's proposal (never blindly the newest),
 * the confirmation is typed as expected, every step runs, failures are retried a few times then the run aborts.
 * Meant for the simulator and drills, where nobody sits at the keyboard.
 */
export function createAutoInteraction(options: AutoInteractionOptions): Interaction {
  const failures = new Map<string, number>();
  const say = options.print ?? (() => {});
  return {
    answeredBy: 'auto',
    confirmStep: async () => 'run',
    // A step that destroys something on purpose needs a person: --auto cancels it (nothing is done).
    async confirmTyped(step) {
      say(`   auto: "${step.title}" must be confirmed by typing: cancelling, a person must confirm it`);
      return undefined;
    },
    async chooseVersion(_step, offer) {
      const p = offer.verdict.proposal;
      // No good version means a human must decide: cancelling restores nothing, which is the safe side.
      if (!p) {
        say(`   auto: no version of ${offer.component.id} looks good: cancelling, a person must choose`);
        return undefined;
      }
      say(`   auto: ${offer.component.id} = ${versionName(offer.component, p.version)} (the proposal)`);
      return { versionId: p.version.versionId, typed: confirmationText(offer.component, p) };
    },
    async onFailure(step, error) {
      const count = (failures.get(step.id) ?? 0) + 1;
      failures.set(step.id, count);
      const retries = options.retries ?? 3;
      if (count > retries) {
        const last = options.finally ?? 'abort';
        say(`   auto: ${step.title} still failing after ${retries} retries: ${last}`);
        return last;
      }
      const delay = options.retryDelay ?? 30_000;
      say(`   auto: retry ${count}/${retries} of "${step.title}" in ${Math.round(delay / 1000)} s (rack time): ${error}`);
      await sleep(options.clock, delay);
      return 'retry';
    },
  };
}
