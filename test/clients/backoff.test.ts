// Reconnect backoff per switch with an injected clock: 1 s, 2 s, 4 s … capped, reset by a success.
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/clients/ssh/backoff';
import { rootFailure, SshError } from '../../src/clients/ssh/errors';

describe('Backoff', () => {
  it('doubles the wait from 1 s up to maxBackoff, keeps the reason, and resets after a success', () => {
    let now = 0;
    const backoff = new Backoff(5000, () => now);
    const refused = new SshError('spine', 'connect', 'spine: cannot connect to 10.0.0.1:22: connection refused', { reason: 'connection refused' });
    expect(backoff.check('spine')).toBeUndefined();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      backoff.failed('spine', refused);
      const start = now;
      while (backoff.check('spine')) now += 100;
      waits.push(now - start);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);

    backoff.failed('spine', refused);
    now += 250;
    const error = backoff.check('spine');
    expect(error?.failure).toBe('backoff');
    expect(error?.message).toBe('spine: unreachable (connection refused); next attempt in 5 s');
    expect(error && rootFailure(error)).toBe('connect');
    expect(backoff.check('leaf01')).toBeUndefined();

    backoff.succeeded('spine');
    expect(backoff.check('spine')).toBeUndefined();
    backoff.failed('spine', refused);
    expect(backoff.check('spine')?.message).toContain('next attempt in 1 s');
  });
});
