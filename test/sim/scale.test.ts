import { describe, expect, it } from 'vitest';
import { HOUR } from '../../src/model/time';
import { advance, rack, sessions } from './helpers';

/** Best of two builds: the first one also pays for JIT warm-up, and CI boxes are noisy. */
function timedBuild(n: number) {
  const times: number[] = [];
  const build = () => {
    const t0 = performance.now();
    const sim = rack({ scale: n });
    times.push(performance.now() - t0);
    return sim;
  };
  build();
  const sim = build();
  return { sim, built: Math.min(...times) };
}

function counts(n: number) {
  const { sim, built } = timedBuild(n);
  const data = sim.data();
  const role = (r: string) => data.topology.nodes.filter((x) => x.role === r).length;
  return { sim, data, built, spines: role('spine'), leaves: role('leaf'), routers: role('router') };
}

describe('--scale', () => {
  it('builds 1700 machines over partitions of 48 with proportional switches, shoots and backups', () => {
    const { data, spines, leaves, routers } = counts(1700);
    expect(data.machines.length).toBe(1700);
    const partitions = new Set(data.machines.map((m) => m.partition));
    expect(partitions.size).toBe(Math.ceil(1700 / 48));
    expect(spines).toBe(2 * partitions.size);
    expect(leaves).toBe(35 * 4 + 2); // 35 full partitions of 4 leaves, 2 for the last 20 machines
    expect(routers).toBe(1);
    expect(data.shoots.length).toBeGreaterThan(1700 / 8 - 1);
    expect(data.shoots.length).toBeLessThan(1700 / 8 + partitions.size);
    expect(data.shoots.slice(0, 2).map((s) => `${s.project}/${s.name}`)).toEqual(['ops/metal-cp', 'ops/garden-cp']);
    expect(data.backups.length).toBe(data.shoots.length + 8);
    const allocated = data.machines.filter((m) => m.allocation).length;
    expect(data.shoots.reduce((n, s) => n + 1 + (s.workers[0]?.maximum ?? 0), 0)).toBe(allocated);
    expect(sessions(data).every((s) => s.state === 'Established')).toBe(true);
    expect(data.machines.every((m) => m.power === 'ON' && m.liveliness === 'Alive')).toBe(true);
  });

  it('builds 10,000 machines in well under a second and advances an hour cheaply', () => {
    const { sim, data, built, spines, leaves } = counts(10_000);
    expect(data.machines.length).toBe(10_000);
    expect(spines).toBe(2 * Math.ceil(10_000 / 48));
    expect(leaves).toBeGreaterThan(10_000 / 12 - 4);
    expect(built).toBeLessThan(1000);
    const t0 = performance.now();
    const later = advance(sim, HOUR);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(later.machines).toBe(data.machines);
    expect(later.backups.every((b) => b.versions.length > 0)).toBe(true);
  });

  it('scenarios on a scaled rack hit the control-plane partition', () => {
    const sim = rack({ scale: 500, scenario: 'rack-lost' });
    const data = advance(sim, 10 * 60_000);
    const down = data.machines.filter((m) => m.liveliness !== 'Alive');
    expect(down.length).toBe(48);
    expect(data.controlPlanes.every((c) => !c.reachable)).toBe(true);
  });
});
