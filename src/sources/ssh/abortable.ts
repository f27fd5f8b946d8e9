/** Waiting that an AbortSignal can cut short, for shells and polls that may never answer. */
import type { Clock } from '../../clock';
import type { Millis } from '../../model/time';

/** Settles when `promise` does or the signal aborts, even if the shell ignores the signal. */
export function untilAborted<R>(promise: Promise<R>, signal: AbortSignal): Promise<R> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
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
