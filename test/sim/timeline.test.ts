import { expect, it } from 'vitest';
import { advance, minutes, rack, sessions, T0 } from './helpers';

it('a cold rack comes up in MEP-18 order: k3s, initial control planes, machines, shoots, nested control planes', () => {
  const sim = rack({ boot: 'cold', seed: 5 });
  const first = new Map<string, number>();
  const mark = (k: string) => {
    if (!first.has(k)) first.set(k, sim.now - T0);
  };
  for (let t = 0; t < minutes(20); t += 1000) {
    const d = advance(sim, 1000);
    for (const c of d.controlPlanes) if (c.reachable) mark(c.id);
    if (sessions(d).some((s) => s.state === 'Established')) mark('first-session');
    if (d.machines.every((m) => m.phase === 'Phoned Home')) mark('machines');
    if (d.shoots.every((s) => s.lastOperation?.state === 'Succeeded')) mark('shoots');
  }
  const at = (k: string) => first.get(k) ?? Number.POSITIVE_INFINITY;
  expect(at('first-session')).toBeLessThan(minutes(2));
  expect(at('k3s')).toBeLessThan(at('initial-metal-stack'));
  expect(at('initial-metal-stack')).toBeLessThan(at('machines'));
  expect(at('initial-gardener')).toBeLessThan(at('machines'));
  expect(at('machines')).toBeLessThan(at('shoots'));
  expect(at('shoots')).toBeLessThan(at('nested-metal-stack'));
  expect(at('shoots')).toBeLessThan(at('nested-gardener'));
  expect(at('nested-metal-stack')).toBeLessThan(minutes(20));
});
