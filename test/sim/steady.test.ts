import { describe, expect, it } from 'vitest';
import { HOUR } from '../../src/model/time';
import { advance, rack, sessions, T0 } from './helpers';

describe('steady mini-rack', () => {
  const data = rack().data();

  it('has the thesis hardware: 1 router, 1 spine, 2 leaves, 4 machines and a bootstrap node', () => {
    const count = (role: string) => data.topology.nodes.filter((n) => n.role === role).length;
    expect(count('router')).toBe(1);
    expect(count('spine')).toBe(1);
    expect(count('leaf')).toBe(2);
    expect(count('machine') + count('firewall')).toBe(4);
    expect(count('bootstrap')).toBe(1);
    expect(data.machines.map((m) => m.name)).toEqual(['machine01', 'machine02', 'machine03', 'machine04']);
    expect(data.topology.nodes.find((n) => n.id === 'router')?.description).toBe('Teltonika RUTX10');
  });

  it('dual-cables router-spine and spine-leaf, and dual-homes every machine', () => {
    const between = (a: string, b: string) =>
      data.topology.links.filter((l) => (l.a.node === a && l.b.node === b) || (l.a.node === b && l.b.node === a)).map((l) => l.kind);
    expect(between('router', 'spine').sort()).toEqual(['management', 'uplink']);
    expect(between('spine', 'leaf01').sort()).toEqual(['management', 'underlay']);
    expect(between('spine', 'leaf02').sort()).toEqual(['management', 'underlay']);
    for (const m of data.machines) {
      expect(between('leaf01', m.id)).toEqual(['machine']);
      expect(between('leaf02', m.id)).toEqual(['machine']);
    }
    expect(data.topology.links.every((l) => l.state === 'up')).toBe(true);
    expect(data.topology.nodes.every((n) => n.reachability === 'up')).toBe(true);
  });

  it('shows every BGP session Established with prefixes', () => {
    const all = sessions(data);
    expect(all.length).toBeGreaterThan(10);
    for (const s of all) {
      expect(s.state).toBe('Established');
      expect(s.establishedSince).toBeLessThan(T0 - HOUR);
      expect(s.prefixesReceived).toBeGreaterThan(0);
    }
    const spine = data.bgp.switches.find((s) => s.name === 'spine');
    expect(spine?.sessions.find((s) => s.idType === 'ipv4')?.peerHostname).toBe('router');
    expect(spine?.sessions.filter((s) => s.peerGroup === 'FABRIC').map((s) => s.addressFamily).sort()).toEqual([
      'ipv4Unicast',
      'ipv4Unicast',
      'l2VpnEvpn',
      'l2VpnEvpn',
    ]);
    const leaf = data.bgp.switches.find((s) => s.name === 'leaf01');
    expect(leaf?.sessions.filter((s) => s.peerGroup === 'MACHINE').map((s) => s.vrf)).toEqual(['Vrf30', 'Vrf31']);
    expect(leaf?.sessions.filter((s) => s.peerGroup === 'FIREWALL').every((s) => s.vrf === 'default')).toBe(true);
  });

  it('has four provisioned machines that phoned home days ago and are Alive', () => {
    for (const m of data.machines) {
      expect(m.phase).toBe('Phoned Home');
      expect(m.liveliness).toBe('Alive');
      expect(m.power).toBe('no-bmc');
      expect(m.allocation?.succeeded).toBe(true);
      expect(m.events.map((e) => e.event)).toEqual([
        'Phoned Home',
        'Booting New Kernel',
        'Installing',
        'Waiting',
        'Registering',
        'Preparing',
        'PXE Booting',
      ]);
      expect(m.phaseSince).toBeLessThan(T0 - 24 * HOUR);
    }
    expect(data.machines.map((m) => m.role)).toEqual(['firewall', 'machine', 'firewall', 'machine']);
    expect(data.machines[0]?.allocation?.hostname).toMatch(/^shoot--ops--metal-cp-firewall-[a-z0-9]{5}$/);
    expect(data.machines[1]?.allocation?.hostname).toMatch(/^shoot--ops--metal-cp-group-0-[a-z0-9]{5}-[a-z0-9]{5}$/);
  });

  it('has both ops shoots reconciled with all five conditions True', () => {
    expect(data.shoots.map((s) => `${s.project}/${s.name}`)).toEqual(['ops/metal-cp', 'ops/garden-cp']);
    for (const s of data.shoots) {
      expect(s.lastOperation).toMatchObject({ type: 'Reconcile', state: 'Succeeded', progress: 100 });
      expect(s.conditions.map((c) => c.type)).toEqual([
        'APIServerAvailable',
        'ControlPlaneHealthy',
        'ObservabilityComponentsHealthy',
        'EveryNodeReady',
        'SystemComponentsHealthy',
      ]);
      expect(s.conditions.every((c) => c.status === 'True')).toBe(true);
      expect(s.workers[0]?.current).toBe(1);
    }
  });

  it('has the MEP-18 control planes all reachable', () => {
    expect(data.controlPlanes.map((c) => `${c.id}@${c.hostedOn}`)).toEqual([
      'k3s@k3s',
      'initial-metal-stack@k3s',
      'initial-gardener@k3s',
      'nested-metal-stack@ops/metal-cp',
      'nested-gardener@ops/garden-cp',
    ]);
    expect(data.controlPlanes.every((c) => c.reachable)).toBe(true);
  });

  it('has a fresh backup history for every component in the external bucket', () => {
    expect(data.backups.length).toBe(10);
    for (const b of data.backups) {
      expect(b.store.outsideRack).toBe(true);
      expect(b.versions.length).toBe(b.policy.versionsKept);
      const [newest] = b.versions;
      expect(T0 - (newest?.time ?? 0)).toBeLessThan(b.policy.interval);
      expect(newest?.time).toBeLessThanOrEqual(T0);
      expect(b.versions.filter((v) => v.isLatest)).toEqual([newest]);
    }
    const metalDb = data.backups.find((b) => b.id === 'initial-metal-db');
    expect(metalDb?.versions[0]?.key).toBe('metal-db/db.tar.gz');
    expect(metalDb?.versions[0]?.size).toBeGreaterThan(17_000_000);
    expect(data.backups.find((b) => b.id === 'etcd-ops-metal-cp')?.versions[0]?.key).toMatch(/\/v2\/Full-00000000-\d{8}-\d{10}\.gz$/);
  });
});

describe('a steady rack over time', () => {
  it('keeps taking backups and drops versions beyond versionsKept', () => {
    const sim = rack();
    const before = sim.data().backups.find((b) => b.id === 'initial-metal-db');
    const data = advance(sim, HOUR);
    const after = data.backups.find((b) => b.id === 'initial-metal-db');
    expect(after?.versions.length).toBe(20);
    expect(T0 + HOUR - (after?.versions[0]?.time ?? 0)).toBeLessThan(3 * 60_000);
    // 20 new versions in an hour: none of the old ones is left
    const oldIds = new Set(before?.versions.map((v) => v.versionId));
    expect(after?.versions.filter((v) => oldIds.has(v.versionId)).length).toBe(0);
    expect(after?.versions[0]?.size).toBeGreaterThan(before?.versions[0]?.size ?? 0);
    const etcd = data.backups.find((b) => b.id === 'etcd-ops-garden-cp');
    expect(etcd?.versions.length).toBe(24);
    expect(T0 + HOUR - (etcd?.versions[0]?.time ?? 0)).toBeLessThan(HOUR);
  });

  it('reconciles shoots: Processing for a minute, then Succeeded again', () => {
    const sim = rack();
    let sawProcessing = false;
    for (let t = 0; t < HOUR; t += 10_000) {
      const d = advance(sim, 10_000);
      if (d.shoots.some((s) => s.lastOperation?.state === 'Processing')) sawProcessing = true;
    }
    expect(sawProcessing).toBe(true);
    const d = advance(sim, 2 * 60_000);
    expect(d.shoots.every((s) => s.lastOperation?.state === 'Succeeded' || s.lastOperation?.state === 'Processing')).toBe(true);
    expect(d.shoots.every((s) => (s.lastOperation?.lastUpdateTime ?? 0) > T0)).toBe(true);
  });

  it('returns the same objects when nothing changed', () => {
    const sim = rack();
    const a = sim.data();
    const v = sim.version;
    const b = sim.data();
    expect(b).toBe(a);
    expect(sim.version).toBe(v);
    const c = advance(sim, 1000);
    expect(c.machines).toBe(a.machines);
    expect(c.topology).toBe(a.topology);
  });

  it('is deterministic: same seed and steps give deep-equal data', () => {
    const run = () => {
      const sim = rack({ seed: 99 });
      for (let i = 0; i < 30; i++) sim.advanceTo(T0 + i * 97_000);
      sim.inject('shoot-workers-lost');
      sim.advanceTo(T0 + 2 * HOUR);
      return sim.data();
    };
    expect(run()).toEqual(run());
    expect(rack({ seed: 1 }).data()).not.toEqual(rack({ seed: 2 }).data());
  });
});
