// The machines source over polls: what did not change keeps its objects (the store publishes nothing, the views keep
// their rows), what changed is read again. Answers are contract-true (test/fixtures/metal-api/contract.ts).
import { describe, expect, it } from 'vitest';
import { textKey } from '../../../src/clients/metal-api/list-answer';
import type { MetalApi } from '../../../src/clients/metal-api/metal-api';
import type { Machine } from '../../../src/model/machine';
import { createMachinesSource } from '../../../src/sources/metal-api/machines-source';
import { FailedRead } from '../../../src/sources/source';
import { minimal, overlay } from '../../fixtures/metal-api/contract';

const T = (s: number) => new Date(Date.parse('2026-11-30T03:00:00Z') + s * 1000).toISOString();
const CATALOGUE = [{ id: 'liveliness-dead', severity: 'major', description: 'not sending events', ref_url: '', details: '' }];

function raw(id: string, events: string[]): Record<string, unknown> {
  const log = events.map((event, i) => ({ event, message: '', time: T(100 - i) }));
  return overlay(minimal('v1.MachineIPMIResponse'), { id, name: id, liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log } });
}

/** A metal-api whose answers the test sets (a string in `machines` is an item's raw text); fresh from the wire each poll. */
function server() {
  const s: { machines: unknown[]; evaluation: Array<{ machineid: string; issues: string[] }>; api: MetalApi } = {
    machines: [raw('m1', ['Phoned Home']), raw('m2', ['Phoned Home']), raw('m3', ['Phoned Home'])],
    evaluation: [],
    api: {
      url: 'http://metal',
      get: async () => structuredClone(CATALOGUE),
      post: async () => structuredClone(s.evaluation),
      postList: async (_path, _body, _signal, known = () => false) =>
        s.machines.map((m) => {
          const text = typeof m === 'string' ? m : JSON.stringify(m);
          const key = textKey(text);
          return known(key) ? { key } : { key, text };
        }),
    },
  };
  return s;
}

const source = (s: ReturnType<typeof server>) => createMachinesSource({ api: async () => s.api, filter: {}, interval: 10_000, timeout: 10_000 });
const poll = async (src: ReturnType<typeof source>) => (await src.poll(new AbortController().signal)).machines as readonly Machine[];

describe('the machines (metal-api) source over polls', () => {
  it('answers the same data object when nothing changed', async () => {
    const s = server();
    const src = source(s);
    const a = await src.poll(new AbortController().signal);
    expect(await src.poll(new AbortController().signal)).toBe(a);
  });

  it('reads again only the machine that changed; the others stay the same objects', async () => {
    const s = server();
    const src = source(s);
    const before = await poll(src);
    s.machines[1] = raw('m2', ['Planned Reboot', 'Phoned Home']);
    const after = await poll(src);
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).toMatchObject({ id: 'm2', phase: 'Planned Reboot' });
  });

  it('joins the issues anew only onto the machine whose issues changed', async () => {
    const s = server();
    const src = source(s);
    const before = await poll(src);
    s.evaluation = [{ machineid: 'm3', issues: ['liveliness-dead'] }];
    const after = await poll(src);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[0]).toBe(before[0]);
    expect(after[2]?.issues).toEqual([{ id: 'liveliness-dead', severity: 'major', description: 'not sending events' }]);
    expect(await poll(src)).toBe(after);
  });

  it('names a machine it cannot read (not a machine, not JSON), every poll, and keeps the others', async () => {
    const s = server();
    s.machines.push({ ...raw('m4', []), liveliness: 7 }, '{"id": "m5", ');
    const src = source(s);
    for (let i = 0; i < 2; i++) {
      const failed = await src.poll(new AbortController().signal).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(FailedRead);
      expect((failed as FailedRead).message).toMatch(/^2 machines could not be read: machine m4: .*liveliness.*; machine \[4\]: is not JSON$/);
      expect(((failed as FailedRead).data.machines ?? []).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    }
  });

  it('keeps the machines that moved in the list (another order, one removed or added before them)', async () => {
    const s = server();
    const src = source(s);
    const before = await poll(src);
    s.machines.reverse();
    const reversed = await poll(src);
    expect(reversed.map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    for (const [i, m] of reversed.entries()) expect(m).toBe(before[2 - i]);
    s.machines.splice(0, 1, raw('m0', ['Phoned Home']));
    s.machines.reverse();
    const replaced = await poll(src);
    expect(replaced.map((m) => m.id)).toEqual(['m1', 'm2', 'm0']);
    expect(replaced[0]).toBe(before[0]);
    expect(replaced[1]).toBe(before[1]);
  });
});
