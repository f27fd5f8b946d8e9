import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/model/time';
import { rebootTarget, SCENARIOS } from '../../src/sim';
import { advance, minutes, rack, sessions, sessionsTo, T0, workers } from './helpers';

const cp = (data: ReturnType<ReturnType<typeof rack>['data']>, id: string) => data.controlPlanes.find((c) => c.id === id);
const backup = (data: ReturnType<ReturnType<typeof rack>['data']>, id: string) => data.backups.find((b) => b.id === id);

describe('failure scenarios', () => {
  it('lists five scenarios with descriptions', () => {
    expect(SCENARIOS.map((s) => s.name)).toEqual(['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart', 'machine-reboot']);
    expect(SCENARIOS.every((s) => s.description.length > 10)).toBe(true);
  });

  it('k3s-lost: bootstrap down, initial control planes unreachable, k3s backups stop, shoots unaffected', () => {
    const sim = rack({ scenario: 'k3s-lost' });
    let data = sim.data();
    expect(data.incident).toEqual({ startedAt: T0, label: 'k3s-lost' });
    expect(data.topology.nodes.find((n) => n.id === 'bootstrap')?.reachability).toBe('down');
    expect(data.topology.links.filter((l) => l.b.node === 'bootstrap').every((l) => l.state === 'down')).toBe(true);
    for (const id of ['k3s', 'initial-metal-stack', 'initial-gardener']) expect(cp(data, id)?.reachable).toBe(false);
    expect(cp(data, 'nested-metal-stack')?.reachable).toBe(true);
    expect(cp(data, 'nested-gardener')?.reachable).toBe(true);
    const metalDbBefore = backup(data, 'initial-metal-db')?.versions[0];
    data = advance(sim, 7 * 3600 * SECOND);
    expect(backup(data, 'initial-metal-db')?.versions[0]).toBe(metalDbBefore);
    expect(backup(data, 'k3s-etcd')?.versions[0]?.time).toBeLessThan(T0);
    expect(backup(data, 'nested-metal-db')?.versions[0]?.time).toBeGreaterThan(T0 + 6 * 3600 * SECOND);
    expect(sessions(data).every((s) => s.state === 'Established')).toBe(true);
    expect(data.shoots.every((s) => s.conditions.every((c) => c.status === 'True'))).toBe(true);
  });

  it('shoot-workers-lost: worker sessions drop within the hold time, liveliness Unknown after 5 min, shoots degrade', () => {
    const sim = rack();
    const hostnames = workers(sim.data()).map((m) => m.allocation?.hostname ?? '');
    sim.inject('shoot-workers-lost');
    let data = sim.data();
    expect(data.incident?.label).toBe('shoot-workers-lost');
    const workerIds = new Set(workers(data).map((m) => m.id));
    const workerLinks = data.topology.links.filter((l) => workerIds.has(l.b.node));
    expect(workerLinks.map((l) => l.state)).toEqual(['down', 'down', 'down', 'down']);
    expect(data.topology.nodes.filter((n) => workerIds.has(n.id)).every((n) => n.reachability === 'down')).toBe(true);
    data = advance(sim, 30 * SECOND);
    const down = sessionsTo(data, hostnames);
    expect(down.length).toBe(4);
    expect(down.every((s) => s.state !== 'Established')).toBe(true);
    expect(sessions(data).filter((s) => !down.includes(s)).every((s) => s.state === 'Established')).toBe(true);
    expect(workers(data).every((m) => m.liveliness === 'Alive')).toBe(true);
    for (const s of data.shoots) {
      const byType = Object.fromEntries(s.conditions.map((c) => [c.type, c]));
      expect(byType.EveryNodeReady?.status).toBe('False');
      expect(byType.EveryNodeReady?.message).toContain('not ready');
      expect(byType.SystemComponentsHealthy?.status).toBe('False');
      expect(byType.APIServerAvailable?.status).toBe('True');
      expect(s.workers[0]?.current).toBe(0);
    }
    expect(cp(data, 'nested-metal-stack')?.reachable).toBe(false);
    expect(cp(data, 'nested-gardener')?.reachable).toBe(false);
    expect(cp(data, 'initial-metal-stack')?.reachable).toBe(true);
    data = advance(sim, minutes(6));
    expect(workers(data).every((m) => m.liveliness === 'Unknown')).toBe(true);
    expect(workers(data).every((m) => m.events[0]?.time === m.phaseSince)).toBe(true);
    data = advance(sim, minutes(60));
    expect(data.shoots.every((s) => s.lastOperation?.state === 'Error' || s.lastOperation?.state === 'Processing')).toBe(true);
  });

  it('worker sessions stay Established until the FRR hold time (8 s) expires', () => {
    const sim = rack();
    const hostnames = workers(sim.data()).map((m) => m.allocation?.hostname ?? '');
    sim.inject('shoot-workers-lost');
    expect(sessionsTo(advance(sim, 2 * SECOND), hostnames).every((s) => s.state === 'Established')).toBe(true);
    const after = sessionsTo(advance(sim, 7 * SECOND), hostnames);
    expect(after.map((s) => s.state)).toEqual(['Idle', 'Idle', 'Idle', 'Idle']);
    expect(after.every((s) => s.lastResetReason === 'Hold Timer Expired' && s.prefixesReceived === 0)).toBe(true);
  });

  it('rack-lost: every machine and the bootstrap node down, shoots unreachable', () => {
    const sim = rack({ scenario: 'rack-lost' });
    const data = advance(sim, minutes(7));
    expect(data.machines.every((m) => m.liveliness === 'Unknown')).toBe(true);
    expect(data.topology.nodes.filter((n) => ['machine', 'firewall', 'bootstrap'].includes(n.role)).every((n) => n.reachability === 'down')).toBe(true);
    expect(data.topology.links.filter((l) => l.kind === 'machine').every((l) => l.state === 'down')).toBe(true);
    const leafSessions = sessions(data).filter((s) => s.peerGroup === 'MACHINE' || s.peerGroup === 'FIREWALL');
    expect(leafSessions.every((s) => s.state !== 'Established')).toBe(true);
    expect(sessions(data).filter((s) => s.peerGroup === 'FABRIC').every((s) => s.state === 'Established')).toBe(true);
    expect(data.controlPlanes.every((c) => !c.reachable)).toBe(true);
    for (const s of data.shoots) {
      expect(s.conditions.find((c) => c.type === 'APIServerAvailable')?.status).toBe('Unknown');
      expect(s.conditions.find((c) => c.type === 'EveryNodeReady')?.status).toBe('False');
    }
  });

  it('empty-backup-after-restart: the newest metal-db backup is tiny and taken after the incident', () => {
    const sim = rack();
    sim.advanceTo(T0 + minutes(10));
    sim.inject('empty-backup-after-restart');
    let data = sim.data();
    const at = data.incident?.startedAt ?? 0;
    expect(at).toBe(T0 + minutes(10));
    let [newest, previous] = backup(data, 'initial-metal-db')?.versions ?? [];
    expect(newest?.time).toBeGreaterThanOrEqual(at);
    expect(newest?.size ?? 0).toBeLessThan((previous?.size ?? 0) / 100);
    data = advance(sim, minutes(10));
    [newest, previous] = backup(data, 'initial-metal-db')?.versions ?? [];
    expect(newest?.size).toBeLessThan(3000);
    expect(previous?.size).toBeLessThan(3000);
    expect(backup(data, 'initial-ipam-db')?.versions[0]?.size).toBeGreaterThan(100_000);
    expect(data.controlPlanes.every((c) => c.reachable)).toBe(true);
  });

  it('machine-reboot: one tenant worker reboots; only it, its links, sessions and shoot change; it phones home again', () => {
    const sim = rack({ scale: 100 });
    const before = sim.data();
    const id = rebootTarget(sim.layout);
    const target = before.machines.find((m) => m.id === id);
    expect(target?.role).toBe('machine');
    const shootKey = target?.allocation?.cluster;
    expect(sim.layout.shoots.find((s) => s.key === shootKey)?.hosts).toBeUndefined();
    const hostname = target?.allocation?.hostname ?? '';
    const otherSessions = (d: typeof before) =>
      sessions(d)
        .filter((s) => s.peerHostname !== hostname)
        .map((s) => `${s.switch} ${s.vrf} ${s.neighbor} ${s.state} ${s.establishedSince} ${s.prefixesReceived}`);
    const unchangedElsewhere = (d: typeof before) => {
      for (const [i, m] of d.machines.entries()) if (m.id !== id) expect(m).toBe(before.machines[i]);
      expect(otherSessions(d)).toEqual(otherSessions(before));
      const reachable = (x: typeof before) => x.controlPlanes.map((c) => `${c.id} ${c.reachable}`);
      expect(reachable(d)).toEqual(reachable(before));
      // Time moves on (reconciles, lastSeen); health of the other shoots must not.
      const health = (x: typeof before) =>
        x.shoots.filter((s) => `${s.project}/${s.name}` !== shootKey).flatMap((s) => s.conditions.map((c) => `${s.name} ${c.type} ${c.status}`));
      expect(health(d)).toEqual(health(before));
      const down = d.topology.links.filter((l) => l.state === 'down');
      expect(down.every((l) => l.a.node === id || l.b.node === id)).toBe(true);
    };

    sim.inject('machine-reboot');
    let data = sim.data();
    expect(data.incident?.label).toBe('machine-reboot');
    const rebooting = () => data.machines.find((m) => m.id === id);
    expect(rebooting()?.phase).toBe('Planned Reboot');
    expect(rebooting()?.liveliness).toBe('Alive');
    expect(data.topology.links.filter((l) => l.b.node === id).map((l) => l.state)).toEqual(['down', 'down']);
    unchangedElsewhere(data);

    data = advance(sim, 30 * SECOND);
    expect(sessionsTo(data, [hostname]).length).toBeGreaterThan(0);
    expect(sessionsTo(data, [hostname]).every((s) => s.state !== 'Established')).toBe(true);
    expect(rebooting()?.phase).not.toBe('Planned Reboot');
    unchangedElsewhere(data);

    data = advance(sim, minutes(10));
    expect(rebooting()?.events.slice(0, 7).map((e) => e.event)).toEqual([
      'Phoned Home',
      'Booting New Kernel',
      'Installing',
      'Registering',
      'Preparing',
      'PXE Booting',
      'Planned Reboot',
    ]);
    expect(rebooting()?.allocation).toEqual(target?.allocation);
    expect(sessions(data).every((s) => s.state === 'Established')).toBe(true);
    expect(data.topology.links.every((l) => l.state === 'up')).toBe(true);
    expect(data.shoots.every((s) => s.conditions.every((c) => c.status === 'True'))).toBe(true);
    unchangedElsewhere(data);
  });

  it('machine-reboot on the mini-rack reboots a worker, which comes back', () => {
    const sim = rack();
    const id = rebootTarget(sim.layout);
    sim.inject('machine-reboot');
    expect(sim.data().machines.find((m) => m.id === id)?.phase).toBe('Planned Reboot');
    const data = advance(sim, minutes(10));
    expect(data.machines.find((m) => m.id === id)?.phase).toBe('Phoned Home');
    expect(sessions(data).every((s) => s.state === 'Established')).toBe(true);
  });

  it('injects a scenario at a later time', () => {
    const sim = rack();
    sim.inject('k3s-lost', T0 + minutes(5));
    expect(advance(sim, minutes(4)).incident).toBeUndefined();
    expect(advance(sim, minutes(2)).incident).toEqual({ startedAt: T0 + minutes(5), label: 'k3s-lost' });
  });
});
