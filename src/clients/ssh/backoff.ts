/**
 * Per-switch reconnect backoff: after a failed connect the switch is not tried again for 1 s, 2 s, 4 s … up to
 * maxBackoff, so a dead switch costs one attempt per period instead of one per poll. Calls in between fail at
 * once with 'backoff', keeping the reason of the failed attempt.
 */
import { SshError } from './errors';

const FIRST_DELAY = 1000;

interface State {
  failures: number;
  until: number;
  error: SshError;
}

export class Backoff {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly maxBackoff: number,
    private readonly now: () => number,
  ) {}

  /** The error to fail with while the switch waits, or undefined when it may be tried. */
  check(name: string): SshError | undefined {
    const state = this.states.get(name);
    if (!state) return undefined;
    const left = state.until - this.now();
    if (left <= 0) return undefined;
    const seconds = Math.ceil(left / 1000);
    const message = `${name}: unreachable (${state.error.reason}); next attempt in ${seconds} s`;
    return new SshError(name, 'backoff', message, { cause: state.error, reason: state.error.reason, hint: state.error.hint });
  }

  failed(name: string, error: SshError): void {
    const failures = (this.states.get(name)?.failures ?? 0) + 1;
    const delay = Math.min(FIRST_DELAY * 2 ** Math.min(failures - 1, 30), this.maxBackoff);
    this.states.set(name, { failures, until: this.now() + delay, error });
  }

  succeeded(name: string): void {
    this.states.delete(name);
  }
}
