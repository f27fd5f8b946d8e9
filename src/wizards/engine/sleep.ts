import type { Clock } from '../../clock';
import type { Millis } from '../../model/time';

/** Waits ms on the given clock (virtual, scaled or real); an abort ends the wait early with the abort reason. */
export function sleep(clock: Clock, ms: Millis, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
