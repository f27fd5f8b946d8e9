import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { Machine } from '../../src/model/machine';
import type { PartialRackData } from '../../src/model/snapshot';
import type { Source } from '../../src/sources/source';
import { RackStore } from '../../src/store/rack-store';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

function machine(id: string): Machine {
  return {
    id,
    name: id,
    partition: 'p',
    rack: 'r',
    size: 's',
    role: 'machine',
    liveliness: 'Alive',
    events: [],
    crashLoop: false,
    failedReclaim: false,
    power: 'no-bmc',
    lock: '',
    uplinks: [],
  };
}

/** A source that counts its polls and returns one machine named after the count. */
function counting(name: string, interval = 1000): Source & { polls: number } {
  const s = {
    name,
    kind: 'sim' as const,
    interval,
    polls: 0,
    async poll(): Promise<PartialRackData> {
      s.polls++;
      return { machines: [machine(`${name}-${s.polls}`)] };
    },
  };
  return s;
}

let store: RackStore | undefined;
afterEach(async () => {
  await store?.stop();
  store = undefined;
});

function makeStore(clock: VirtualClock, sources: Source[]) {
  store = new RackStore({ clock, sources, rack: { name: 'test', simulated: true } });
  return store;
}

describe('rack store', () => {
  it('publishes a snapshot with every source pending before the first poll answers', () => {
    const clock = new VirtualClock(T0);
    const s = makeStore(clock, [counting('a')]);
    expect(s.getSnapshot().sources.map((x) => x.state)).toEqual(['pending']);
    expect(s.getSnapshot().machines).toEqual([]);
  });

  it('polls each source on its interval and notifies subscribers', async () => {
    const clock = new VirtualClock(T0);
    const a = counting('a', 1000);
    const s = makeStore(clock, [a]);
    let notified = 0;
    s.subscribe(() => notified++);
    s.start();
    await clock.advance(0);
    expect(s.getSnapshot().machines.map((m) => m.id)).toEqual(['a-1']);
    await clock.advance(3000);
    expect(a.polls).toBe(4);
    expect(notified).toBe(4);
    expect(s.getSnapshot().sources[0]?.state).toBe('ok');
    expect(s.getSnapshot().takenAt).toBe(T0 + 3000);
  });

  it('keeps the last good data and shows the error when a source starts throwing', async () => {
    const clock = new VirtualClock(T0);
    let fail = false;
    const flaky: Source = {
      name: 'flaky',
      kind: 'ssh',
      interval: 1000,
      async poll() {
        if (fail) throw new Error('ssh: connection refused');
        return { machines: [machine('good')] };
      },
    };
    const s = makeStore(clock, [flaky]);
    s.start();
    await clock.advance(0);
    fail = true;
    await clock.advance(1000);
    const snap = s.getSnapshot();
    expect(snap.machines.map((m) => m.id)).toEqual(['good']);
    expect(snap.sources[0]).toMatchObject({ state: 'error', lastSuccess: T0 });
    expect(snap.sources[0]?.lastError?.message).toBe('ssh: connection refused');
    fail = false;
    await clock.advance(1000);
    expect(s.getSnapshot().sources[0]?.state).toBe('ok');
  });

  it('a throwing source and a hanging source leave a healthy source updating', async () => {
    const clock = new VirtualClock(T0);
    const good = counting('good', 1000);
    const thrower: Source = {
      name: 'thrower',
      kind: 'metal-api',
      interval: 1000,
      poll() {
        throw new TypeError('garbage in JSON');
      },
    };
    const hanger: Source = {
      name: 'hanger',
      kind: 'kube',
      interval: 1000,
      timeout: 2500,
      poll: () => new Promise(() => {}), // ignores the abort signal and never settles
    };
    const s = makeStore(clock, [thrower, hanger, good]);
    s.start();
    await clock.advance(5000);
    const snap = s.getSnapshot();
    expect(good.polls).toBe(6);
    expect(snap.machines.map((m) => m.id)).toEqual(['good-6']);
    const byName = Object.fromEntries(snap.sources.map((x) => [x.name, x]));
    expect(byName.thrower?.state).toBe('error');
    expect(byName.thrower?.lastError?.message).toBe('garbage in JSON');
    expect(byName.hanger?.state).toBe('error');
    expect(byName.hanger?.lastError?.message).toMatch(/timed out after 2500 ms/);
    expect(byName.good?.state).toBe('ok');
  });

  it('marks a source stale after twice its interval without an answer, before its timeout', async () => {
    const clock = new VirtualClock(T0);
    let hang = false;
    const slow: Source = {
      name: 'slow',
      kind: 'kube',
      interval: 1000,
      timeout: 10_000,
      poll: () => (hang ? new Promise(() => {}) : Promise.resolve({ machines: [machine('m')] })),
    };
    const s = makeStore(clock, [slow]);
    s.start();
    await clock.advance(0);
    hang = true;
    await clock.advance(1500);
    expect(s.getSnapshot().sources[0]?.state).toBe('ok');
    await clock.advance(600);
    expect(s.getSnapshot().sources[0]?.state).toBe('stale');
    expect(s.getSnapshot().machines.map((m) => m.id)).toEqual(['m']);
  });

  it('does not call a source stale whose polls succeed but take longer than its interval (SSH to many switches)', async () => {
    const clock = new VirtualClock(T0);
    const slowButFine: Source = {
      name: 'bgp (ssh)',
      kind: 'ssh',
      interval: 1000,
      timeout: 5000,
      poll: () => new Promise((resolve) => clock.setTimer(() => resolve({ machines: [machine('m')] }), 1500)),
    };
    const s = makeStore(clock, [slowButFine]);
    s.start();
    const states = new Set<string>();
    for (let i = 0; i < 100; i++) {
      await clock.advance(100);
      if (i > 20) states.add(s.getSources()[0]?.state ?? 'none');
    }
    expect([...states]).toEqual(['ok']);
  });

  it('ignores an answer that arrives after its poll timed out', async () => {
    const clock = new VirtualClock(T0);
    let resolveLate: ((d: PartialRackData) => void) | undefined;
    let first = true;
    const late: Source = {
      name: 'late',
      kind: 's3',
      interval: 1000,
      timeout: 500,
      poll() {
        if (!first) return new Promise(() => {});
        first = false;
        return new Promise((r) => {
          resolveLate = r;
        });
      },
    };
    const s = makeStore(clock, [late]);
    s.start();
    await clock.advance(600);
    resolveLate?.({ machines: [machine('too-late')] });
    await clock.advance(0);
    expect(s.getSnapshot().machines).toEqual([]);
    expect(s.getSnapshot().sources[0]?.state).toBe('error');
  });

  it('never runs two polls of one source at once, even on a manual refresh', async () => {
    const clock = new VirtualClock(T0);
    let running = 0;
    let maxRunning = 0;
    const s1: Source = {
      name: 'busy',
      kind: 'sim',
      interval: 1000,
      timeout: 5000,
      async poll() {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((r) => clock.setTimer(r, 800));
        running--;
        return {};
      },
    };
    const s = makeStore(clock, [s1]);
    s.start();
    s.refresh();
    s.refresh();
    await clock.advance(3000);
    expect(maxRunning).toBe(1);
  });

  it('merges domains from several sources and resolves whenSettled once all answered', async () => {
    const clock = new VirtualClock(T0);
    const s = makeStore(clock, [counting('a'), counting('b')]);
    s.start();
    const settled = s.whenSettled();
    await clock.advance(0);
    await settled;
    expect(s.getSnapshot().machines.map((m) => m.id)).toEqual(['a-1', 'b-1']);
    expect(s.getSnapshot().domains).toEqual(['machines']);
  });

  it('publishes no new snapshot while a source returns the same data, but keeps the source ages current', async () => {
    const clock = new VirtualClock(T0);
    const same = { machines: [machine('steady')] };
    const steady: Source = { name: 'steady', kind: 'sim', interval: 1000, poll: async () => same };
    const s = makeStore(clock, [steady]);
    let snapshots = 0;
    let sourceUpdates = 0;
    s.subscribe(() => snapshots++);
    s.subscribeSources(() => sourceUpdates++);
    s.start();
    await clock.advance(10_000);
    expect(snapshots).toBe(1);
    expect(sourceUpdates).toBe(11);
    expect(s.getSources()[0]?.lastSuccess).toBe(T0 + 10_000);
    await clock.advance(20_000);
    expect(snapshots).toBe(2); // the 30 s quiet limit: time-based findings and ages move on
    expect(s.getSnapshot().takenAt).toBe(T0 + 30_000);
  });

  it('stops polling after stop()', async () => {
    const clock = new VirtualClock(T0);
    const a = counting('a');
    const s = makeStore(clock, [a]);
    s.start();
    await clock.advance(0);
    await s.stop();
    await clock.advance(5000);
    expect(a.polls).toBe(1);
  });
});
