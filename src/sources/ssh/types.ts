/** What the switch sources are built from. */
import type { SwitchShell } from '../../clients/ssh/types';
import type { Clock } from '../../clock';
import type { LinkConfig, SshSettings, SwitchConfig } from '../../config/switches';
import type { Millis } from '../../model/time';

export interface SwitchSourcesOptions {
  readonly switches: readonly SwitchConfig[];
  readonly links: readonly LinkConfig[];
  readonly shell: SwitchShell;
  readonly clock: Clock;
  /** The SSH time limits the shell applies; a read is given up only after they had their chance. Default DEFAULT_SSH. */
  readonly ssh?: Pick<SshSettings, 'connectTimeout' | 'commandTimeout'>;
  /**
   * A poll of either source also starts the other's due reads, so each switch is asked for BGP and LLDP together
   * (as one exec, with one-exec-shell.ts) once per interval, however the store's timers for the two drift.
   */
  readonly pairRounds?: boolean;
}

export interface SwitchSourceTiming {
  /** The smallest per-switch interval: each poll reads only the switches whose own interval has passed. */
  readonly interval: Millis;
  /** A read unanswered this long counts as a failure of that switch ("no answer within N s"). */
  readonly answerWithin: Millis;
  /** The store's limit for a whole poll; above answerWithin so that per-switch failures come first. */
  readonly timeout: Millis;
}
