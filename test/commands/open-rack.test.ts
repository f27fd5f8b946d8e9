// refresh.timeout bounds each poll of a source that has no limit of its own.
import { describe, expect, it } from 'vitest';
import { openRack, withPollTimeout } from '../../commands/open-rack';
import { systemClock } from '../../src/clock';
import { DEFAULT_CONFIG } from '../../src/config';
import type { Source } from '../../src/sources/source';
import { RackStore } from '../../src/store/rack-store';

const hanging = (timeout?: number): Source => ({
  name: 'hangs',
  kind: 'sim',
  interval: 60_000,
  ...(timeout === undefined ? {} : { timeout }),
  poll: () => new Promise(() => {}),
});

describe('withPollTimeout', () => {
  it('gives a source without a limit the configured one, delegating poll and close', async () => {
    let closed = false;
    const source: Source = {
      ...hanging(),
      close: () => {
        closed = true;
      },
    };
    const bounded = withPollTimeout(source, 150);
    expect(bounded).toMatchObject({ name: 'hangs', kind: 'sim', interval: 60_000, timeout: 150 });
    await bounded.close?.();
    expect(closed).toBe(true);
  });

  it('keeps a source that has its own limit as it is', () => {
    const own = hanging(5000);
    expect(withPollTimeout(own, 150)).toBe(own);
  });

  it('does not read the source\'s other properties (the sim builds its rack on first access)', () => {
    const source = Object.defineProperty(hanging(), 'sim', {
      get: () => {
        throw new Error('built the rack');
      },
    });
    expect(() => withPollTimeout(source, 150)).not.toThrow();
  });

  it('makes the store fail a poll that outlasts it', async () => {
    const store = new RackStore({ clock: systemClock, sources: [withPollTimeout(hanging(), 150)], rack: { name: 'r', simulated: true } });
    store.start();
    await store.whenSettled();
    expect(store.getSources()[0]?.lastError?.message).toBe('source hangs timed out after 150 ms');
    await store.stop();
  });
});

describe('openRack', () => {
  it('still polls the simulated rack, and hands out the sim itself for injection', async () => {
    const { store, sim } = openRack({ ...DEFAULT_CONFIG, refresh: { interval: 5000, timeout: 2500 } }, systemClock);
    expect(sim?.kind).toBe('sim');
    expect(typeof sim?.inject).toBe('function');
    store.start();
    await store.whenSettled();
    expect(store.getSources()[0]).toMatchObject({ name: 'sim', state: 'ok' });
    await store.stop();
  });
});
