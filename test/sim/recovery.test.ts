import { describe, expect, it } from 'vitest';
import type { RackData } from '../../src/model/snapshot';
import { advance, minutes, rack, sessions, T0 } from './helpers';

function healthy(data: RackData): void {
  expect(sessions(data).every((s) => s.state === 'Established')).toBe(true);
  expect(data.machines.every((m) => m.phase === 'Phoned Home' && m.liveliness === 'Alive')).toBe(true);
  expect(data.shoots.every((s) => s.conditions.every((c) => c.status === 'True'))).toBe(true);
  expect(data.controlPlanes.every((c) => c.reachable)).toBe(true);
  expect(data.topology.links.every((l) => l.state === 'up')).toBe(true);
}

describe('recovery', () => {
  it('cold boot brings sessions to Established and machines to Phoned Home within 20 minutes', () => {
    const sim = rack({ boot: 'cold' });
    let data = sim.data();
    expect(data.topology.nodes.every((n) => n.reachability === 'down')).toBe(true);
    expect(data.shoots.every((s) => s.lastOperation?.type === 'Create' && s.lastOperation.state === 'Processing')).toBe(true);
    expect(data.backups.every((b) => b.versions.length === 0)).toBe(true);
    const seen = new Set<string>();
    for (let t = 0; t < minutes(20); t += 500) {
      data = advance(sim, 500);
      for (const s of sessions(data)) seen.add(s.state);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Idle', 'Connect', 'OpenSent', 'OpenConfirm', 'Established']));
    healthy(data);
    expect(data.machines[1]?.events.map((e) => e.event).reverse()).toEqual([
      'PXE Booting',
      'Preparing',
      'Registering',
      'Waiting',
      'Installing',
      'Booting New Kernel',
      'Phoned Home',
    ]);
    expect(data.shoots.every((s) => s.lastOperation?.state === 'Succeeded')).toBe(true);
    expect(data.backups.filter((b) => b.policy.interval <= minutes(3)).every((b) => b.versions.length > 0)).toBe(true);
  });

  it('a cold boot is deterministic too', () => {
    const run = () => {
      const sim = rack({ boot: 'cold', seed: 11 });
      sim.advanceTo(T0 + minutes(9));
      return sim.data();
    };
    expect(run()).toEqual(run());
  });

  it('powerOn after rack-lost brings the whole rack back to healthy', () => {
    const sim = rack({ scenario: 'rack-lost' });
    advance(sim, minutes(10));
    sim.powerOn([...sim.layout.machines.map((m) => m.id), sim.layout.bootstrapId]);
    const data = advance(sim, minutes(25));
    healthy(data);
    const m = data.machines[0];
    expect(m?.events.slice(0, 6).map((e) => e.event)).toEqual(['Phoned Home', 'Booting New Kernel', 'Installing', 'Registering', 'Preparing', 'PXE Booting']);
    expect(data.backups.find((b) => b.id === 'initial-metal-db')?.versions[0]?.time).toBeGreaterThan(T0 + minutes(25));
  });

  it('powerOn after shoot-workers-lost brings the nested control planes back', () => {
    const sim = rack({ scenario: 'shoot-workers-lost' });
    advance(sim, minutes(10));
    sim.powerOn(sim.layout.shoots.flatMap((s) => s.workers));
    healthy(advance(sim, minutes(15)));
  });

  it('a paused backup takes no versions until resumed', () => {
    const sim = rack();
    sim.setBackupsPaused('initial-metal-db', true);
    const before = sim.data().backups.find((b) => b.id === 'initial-metal-db');
    expect(before?.paused).toBe(true);
    let after = advance(sim, minutes(30)).backups.find((b) => b.id === 'initial-metal-db');
    expect(after?.versions).toBe(before?.versions);
    sim.setBackupsPaused('initial-metal-db', false);
    after = advance(sim, minutes(4)).backups.find((b) => b.id === 'initial-metal-db');
    expect(after?.paused).toBe(false);
    expect(after?.versions[0]?.time).toBeGreaterThan(T0 + minutes(30));
  });

  it('restoring a good version after an empty backup makes later backups full-size again', () => {
    const sim = rack({ scenario: 'empty-backup-after-restart' });
    advance(sim, minutes(7));
    const versions = sim.data().backups.find((b) => b.id === 'initial-metal-db')?.versions ?? [];
    const good = versions.find((v) => v.size > 1_000_000);
    expect(good).toBeDefined();
    sim.restoreBackup('initial-metal-db', good?.versionId ?? '');
    const after = advance(sim, minutes(4)).backups.find((b) => b.id === 'initial-metal-db');
    expect(after?.versions[0]?.size).toBeGreaterThanOrEqual(good?.size ?? Infinity);
    expect(() => sim.restoreBackup('initial-metal-db', 'no-such-version')).toThrow(/no version/);
  });
});
