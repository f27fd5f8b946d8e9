/** Waiting that an AbortSignal can cut short, for shells and polls that may never answer. */
import type { Clock } from './clock';
import type { Millis } from './model/time';

/**
 * Settles when `promise` does, or rejects with `reason()` (default: the signal's reason) as soon as the signal
 * aborts, even if the work behind the promise ignores the signal. The promise is always followed, so its own
 * later rejection is never left unhandled.
 */
export function untilAborted<R>(promise: Promise<R>, signal: AbortSignal, reason: () => unknown = () => signal.reason): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => reject(reason());
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `work`, at most `ms` (on the given clock) when set; rejects with the reason when the poll is aborted. */
export function waitFor(work: Promise<unknown>, ms: Millis | undefined, signal: AbortSignal, clock: Clock): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const cancel = ms === undefined ? () => {} : clock.setTimer(done, ms);
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    function done() {
      cancel();
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(done, done);
  });
}
