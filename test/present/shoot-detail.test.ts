// A shoot's detail names the machines it runs on, firewall first, so a NotReady node leads to its box.
import { describe, expect, it } from 'vitest';
import { shootDetail } from '../../src/present/shoot-detail';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';

describe('shoot detail', () => {
  it('lists the firewall and workers allocated to it with liveliness and phase', () => {
    const s = healthySnapshot();
    const shoot = s.shoots.find((x) => `${x.project}/${x.name}` === 'p1/c1');
    if (!shoot) throw new Error('fixture has no p1/c1');
    const machines = s.machines.map((m) => (m.id === 'm2' ? { ...m, liveliness: 'Dead' as const } : m));
    const lines = shootDetail(shoot, T0, machines);
    const at = lines.findIndex((l) => l.text === 'Machines (2)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]?.text).toMatch(/^firewall fw-c1 +Alive/);
    expect(lines[at + 2]).toMatchObject({ tone: 'critical' });
    expect(lines[at + 2]?.text).toMatch(/^machine +worker-c1 +Dead/);
  });

  it('says when it knows none', () => {
    const s = healthySnapshot();
    const shoot = s.shoots[0];
    if (!shoot) throw new Error('fixture has no shoot');
    expect(shootDetail(shoot, T0, []).map((l) => l.text)).toContain('none known (no machine source, or none allocated to it)');
  });
});
