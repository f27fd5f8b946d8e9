// refresh.timeout bounds each poll of a source that has no limit of its own.
import { describe, expect, it } from 'vitest';
import { openRack } from '../../commands/open-rack';
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

describe('refresh.timeout', () => {
  it('makes the store fail a poll of a source without its own limit that outlasts it', async () => {
    const store = new RackStore({ clock: systemClock, sources: [hanging()], rack: { name: 'r', simulated: true }, pollTimeout: 150 });
    store.start();
    await store.whenSettled();
    expect(store.getSources()[0]?.lastError?.message).toBe('source hangs timed out after 150 ms');
    await store.stop();
  });

  it("leaves a source's own limit alone", async () => {
    const store = new RackStore({ clock: systemClock, sources: [hanging(100)], rack: { name: 'r', simulated: true }, pollTimeout: 60_000 });
    store.start();
    await store.whenSettled();
    expect(store.getSources()[0]?.lastError?.message).toBe('source hangs timed out after 100 ms');
    await store.stop();
  });
});

describe('openRack', () => {
  it('still polls the simulated rack, and hands out the sim itself for injection', async () => {
    const { store, sim } = await openRack({ ...DEFAULT_CONFIG, refresh: { interval: 5000, timeout: 2500 } }, systemClock);
    expect(sim?.kind).toBe('sim');
    expect(typeof sim?.inject).toBe('function');
    store.start();
    await store.whenSettled();
    expect(store.getSources()[0]).toMatchObject({ name: 'sim', state: 'ok' });
    await store.stop();
  });
});
