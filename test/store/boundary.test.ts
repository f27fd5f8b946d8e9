import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { PartialRackData } from '../../src/model/snapshot';
import { verdictOf } from '../../src/present/verdict';
import { FailedRead, type Source } from '../../src/sources/source';
import { RackStore } from '../../src/store/rack-store';

const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** Every string anywhere in a value (object keys included). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Map) for (const [k, v] of value) strings(v, strings(k, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) strings(v, strings(k, out));
  return out;
}

const HOSTILE = 'peer\u001b[2J\u001b]0;pwned\u0007\nCRIT  forged finding line\u202e';

let store: RackStore | undefined;
afterEach(async () => {
  await store?.stop();
  store = undefined;
});

function source(name: string, poll: () => PartialRackData): Source {
  return { name, kind: 'ssh', interval: 1000, poll: async () => poll() };
}

async function settled(sources: Source[]): Promise<RackStore> {
  const clock = new VirtualClock(T0);
  store = new RackStore({ clock, sources, rack: { name: 'test', simulated: false } });
  store.start();
  await clock.advance(0);
  return store;
}

const bgpWith = (text: string): PartialRackData => ({
  bgp: {
    switches: [
      {
        name: 'leaf01',
        reachable: true,
        sessions: [{ switch: 'leaf01', vrf: text, addressFamily: 'ipv4Unicast', neighbor: 'swp1', idType: 'interface', peerHostname: text, state: 'Idle', lastResetReason: text }],
      },
    ],
  },
});

describe('the store is the boundary where outside text enters the model', () => {
  it('makes every string of a source answer visible, at any depth, before any pane, status or JSON sees it', async () => {
    const s = await settled([source('ssh', () => bgpWith(HOSTILE))]);
    const session = s.getSnapshot().bgp.switches[0]?.sessions[0];
    expect(session?.peerHostname).toBe('peer\\x1b[2J\\x1b]0;pwned\\x07\\nCRIT  forged finding line⟨U+202E⟩');
    // Everything built from it is clean too: findings, labels, ids.
    expect(strings(s.getSnapshot()).filter((x) => RAW.test(x))).toEqual([]);
    expect(s.getSnapshot().findings.length).toBeGreaterThan(0);
  });

  it('makes an error message visible and bounded', async () => {
    const s = await settled([
      {
        name: 'api',
        kind: 'metal-api',
        interval: 1000,
        poll: () => Promise.reject(new Error(`bad gateway\u001b[31m\n${'x'.repeat(5000)}`)),
      },
    ]);
    const message = s.getSnapshot().sources[0]?.lastError?.message ?? '';
    expect(message).not.toMatch(RAW);
    expect(message.startsWith('bad gateway\\x1b[31m\\nxxx')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(500);
  });

  it('keeps an unchanged answer the same object, so panes keep their rows', async () => {
    const clean = bgpWith('default');
    const dirty = bgpWith(HOSTILE);
    let answer = clean;
    const clock = new VirtualClock(T0);
    store = new RackStore({ clock, sources: [source('ssh', () => answer)], rack: { name: 'test', simulated: false } });
    store.start();
    await clock.advance(0);
    expect(store.getSnapshot().bgp).toBe(clean.bgp);
    answer = dirty;
    await clock.advance(1000);
    const admitted = store.getSnapshot().bgp;
    expect(admitted).not.toBe(dirty.bgp);
    await clock.advance(1000);
    expect(store.getSnapshot().bgp).toBe(admitted);
  });

  it('never lets a control character through, whatever the strings and wherever they sit (fuzz, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), async (a, b) => {
        const s = await settled([source('ssh', () => ({ ...bgpWith(a), machines: [] })), { name: 'api', kind: 'kube', interval: 1000, poll: () => Promise.reject(new Error(b)) }]);
        expect(strings(s.getSnapshot()).filter((x) => RAW.test(x))).toEqual([]);
        await s.stop();
      }),
      { seed: 10, numRuns: 100 },
    );
  });
});

describe('a source that read nothing is in error', () => {
  it('keeps the data a FailedRead carries (each switch and its reason) but counts the poll as failed', async () => {
    const carried = bgpWith('default');
    const s = await settled([
      {
        name: 'bgp (ssh)',
        kind: 'ssh',
        interval: 1000,
        poll: () => Promise.reject(new FailedRead('all 1 switches failed (leaf01: no answer within 10 s)', carried)),
      },
    ]);
    const snap = s.getSnapshot();
    expect(snap.sources[0]).toMatchObject({ state: 'error', lastSuccess: undefined, lastError: { message: 'all 1 switches failed (leaf01: no answer within 10 s)' } });
    expect(snap.bgp.switches.map((x) => x.name)).toEqual(['leaf01']);
    expect(verdictOf(snap, snap.findings)).toBe('unreadable');
  });
});
