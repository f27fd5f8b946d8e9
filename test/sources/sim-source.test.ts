import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { MINUTE, SECOND } from '../../src/model/time';
import { isScenarioName, SCENARIOS } from '../../src/sim';
import { deferredSimSource } from '../../src/sources/deferred-sim-source';
import { createSimSource } from '../../src/sources/sim-source';
import { T0 } from '../sim/helpers';

describe('sim source', () => {
  it('is a 1-second sim source that returns the whole rack at the clock time', async () => {
    const clock = new VirtualClock(T0);
    const source = createSimSource({ clock, seed: 3 });
    expect(source).toMatchObject({ name: 'sim', kind: 'sim', interval: 1000 });
    const first = await source.poll(new AbortController().signal);
    expect(first.machines?.length).toBe(4);
    expect(first.incident).toBeUndefined();
    await clock.advance(10 * MINUTE);
    const later = await source.poll(new AbortController().signal);
    expect((await source.rack()).now).toBe(T0 + 10 * MINUTE);
    const metalDb = later.backups?.find((b) => b.id === 'initial-metal-db');
    expect(metalDb?.versions[0]?.time).toBeGreaterThan(T0 + 7 * MINUTE);
  });

  it('reports an injected scenario as the incident from then on', async () => {
    const clock = new VirtualClock(T0);
    const source = createSimSource({ clock });
    await clock.advance(30 * SECOND);
    source.inject('k3s-lost');
    const data = await source.poll(new AbortController().signal);
    expect(data.incident).toEqual({ startedAt: T0 + 30 * SECOND, label: 'k3s-lost' });
    expect(data.controlPlanes?.find((c) => c.id === 'k3s')?.reachable).toBe(false);
  });

  it('starts with a scenario and honours an aborted poll', async () => {
    const clock = new VirtualClock(T0);
    const source = createSimSource({ clock, scenario: 'rack-lost', interval: 5000 });
    expect(source.interval).toBe(5000);
    expect((await source.poll(new AbortController().signal)).incident?.label).toBe('rack-lost');
    const aborted = new AbortController();
    aborted.abort();
    await expect(source.poll(aborted.signal)).rejects.toThrow();
  });

  it('can start in the past so a scenario is already ten minutes old at the first poll', async () => {
    const clock = new VirtualClock(T0 + 10 * MINUTE);
    const source = createSimSource({ clock, start: T0, scenario: 'shoot-workers-lost' });
    const data = await source.poll(new AbortController().signal);
    expect(data.incident).toEqual({ startedAt: T0, label: 'shoot-workers-lost' });
    const workers = data.machines?.filter((m) => m.role === 'machine') ?? [];
    expect(workers.map((m) => m.liveliness)).toEqual(['Unknown', 'Unknown']);
  });

  it('validates scenario names for the CLI', () => {
    expect(SCENARIOS.every((s) => isScenarioName(s.name))).toBe(true);
    expect(isScenarioName('nope')).toBe(false);
  });

  it('opened deferred (as the TUI and status do), it loads the simulation on first use: the rack starts when the source was opened, and an injection made before the first poll is in that poll', async () => {
    const clock = new VirtualClock(T0);
    const source = deferredSimSource({ clock });
    expect(source).toMatchObject({ name: 'sim', kind: 'sim', interval: 1000 });
    await clock.advance(30 * SECOND);
    const injected = source.inject('k3s-lost');
    const data = await source.poll(new AbortController().signal);
    await injected;
    expect(data.incident).toEqual({ startedAt: T0 + 30 * SECOND, label: 'k3s-lost' });
    expect((await source.rack()).start).toBe(T0);
  });
});
