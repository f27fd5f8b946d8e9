import type { MetalApi } from '../../clients/metal-api/metal-api';
import { describeError } from '../../errors';
import type { Millis } from '../../model/time';
import type { RealCall } from '../engine/calls';

type HttpCall = Extract<RealCall, { kind: 'http' }>;

export interface HttpCallIo {
  readonly signal: AbortSignal;
  readonly output: (line: string) => void;
  /** Time between two tries (3 s): metal-api coming up takes minutes, a try costs one small GET. */
  readonly every: Millis;
  /** The wall clock (tests). */
  readonly now?: () => number;
}

/**
 * Polls an HTTP API (metal-api) with GET until it answers 2xx or the call's timeout passes, then fails with the
 * last thing it said (a 500 with its message, a refused connection, a timeout). Each request is held to the time
 * left, so the call ends at its timeout. A client that cannot be made (a secret that is not there) fails at once:
 * waiting would not bring it. Throws a one-line error.
 */
export async function pollHttp(api: MetalApi, call: HttpCall, io: HttpCallIo): Promise<void> {
  const now = io.now ?? Date.now;
  const started = now();
  const deadline = started + call.timeout;
  let last = '';
  let tries = 0;
  for (;;) {
    tries++;
    const left = Math.max(1, deadline - now());
    const cut = AbortSignal.timeout(left);
    try {
      await api.get(call.path, AbortSignal.any([io.signal, cut]));
      io.output(`${call.service} ${call.method} ${call.path} answered${tries > 1 ? ` after ${tries} tries (${seconds(now() - started)})` : ''}`);
      return;
    } catch (error) {
      if (io.signal.aborted) throw new Error('cancelled');
      // Cut by the call's own timeout, not the client's (whose message would name its own limit): what an earlier
      // try was told says more than a last try that had a moment left.
      if (cut.aborted && last !== '') break;
      const said = cut.aborted ? `no answer to a try within the ${seconds(left)} left` : (describeError(error).split('\n')[0] ?? '');
      // Said once per change, not once per try: twenty minutes of "connection refused" is one line.
      if (said !== last) io.output(`${call.service} does not answer yet: ${said}`);
      last = said;
    }
    const wait = Math.min(io.every, deadline - now());
    if (wait <= 0) break;
    await sleep(wait, io.signal);
  }
  throw new Error(`${call.service} ${call.method} ${call.path}: no answer within ${seconds(call.timeout)} (${tries} ${tries === 1 ? 'try' : 'tries'}); last: ${last}`);
}

function seconds(ms: Millis): string {
  return ms >= 60_000 ? `${Math.round(ms / 6000) / 10} min` : `${Math.round(ms / 100) / 10} s`;
}

function sleep(ms: Millis, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}
