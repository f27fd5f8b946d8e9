// The diagnosis: findings grouped under what caused them, the cause first with the worst severity of its group.
import { describe, expect, it } from 'vitest';
import type { Cause } from '../../src/model/diagnosis';
import type { RackSnapshot } from '../../src/model/snapshot';
import { summariseAreas } from '../../src/present/area-summary';
import { diagnosisRows } from '../../src/present/overview-rows';
import {
  T0,
  healthySnapshot,
  judged,
  touches,
  withCondition,
  withControlPlane,
  withLinks,
  withMachine,
  withNode,
  withSessionsTo,
  withSwitch,
} from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();

/** Each member as "depth rule subject", cause first. */
const tree = (s: RackSnapshot, c: Cause) => c.members.map((m) => `${m.depth} ${s.findings[m.index]?.rule} ${s.findings[m.index]?.subject.id}`);

/** Every finding is in exactly one cause. */
function expectPartition(s: RackSnapshot): void {
  const indices = s.diagnosis.causes.flatMap((c) => c.members.map((m) => m.index)).sort((a, b) => a - b);
  expect(indices).toEqual(s.findings.map((_, i) => i));
}

/** c1's worker machine lost: its sessions gone, the shoot without a ready node, the nested metal-stack it hosts unreachable. */
function workerLost(liveliness: 'Dead' | 'Unknown'): RackSnapshot {
  let s = withMachine(s0, 'm2', { liveliness });
  s = withSessionsTo(s, 'worker-c1', { state: 'Idle' });
  s = withCondition(s, 'c1', 'EveryNodeReady', { status: 'False', reason: 'NodesNotReady' });
  return withControlPlane(s, 'nested-metal-stack', { reachable: false, message: 'no endpoints' });
}

describe('diagnosis: a lost machine and what follows from it', () => {
  it('finds nothing in a healthy rack', () => {
    expect(s0.diagnosis.causes).toEqual([]);
  });

  it('puts the dead worker first, then its shoot, then the control plane that shoot hosts', () => {
    const s = workerLost('Dead');
    expectPartition(s);
    expect(s.diagnosis.causes).toHaveLength(1);
    const c = s.diagnosis.causes[0] as Cause;
    expect(tree(s, c)).toEqual(['0 machine-dead m2', '1 shoot-condition-false p1/c1', '2 control-plane-unreachable nested-metal-stack']);
    expect(c.summary).toMatch(/^machine worker-c1 is Dead/);
    expect(c.followups).toBe('with it: 2 BGP sessions down; 1 shoot and 1 control plane affected');
    expect(c.effects).toMatchObject({ hostsDown: 1, machinesDown: 1, sessionsDown: 2 });
  });

  it('makes a lost machine metal-api still calls Unknown as severe as what it takes down', () => {
    const s = workerLost('Unknown');
    const c = s.diagnosis.causes[0] as Cause;
    expect(s.findings[c.members[0]?.index ?? -1]).toMatchObject({ rule: 'machine-liveliness-unknown', severity: 'warning' });
    expect(c.severity).toBe('critical');
    expect(c.id).toBe('hosts-lost');
  });

  it('names a host the topology sees down before metal-api has a finding about it', () => {
    let s = withNode(s0, 'm2', { reachability: 'down' });
    s = withCondition(s, 'c1', 'EveryNodeReady', { status: 'False' });
    const c = s.diagnosis.causes[0] as Cause;
    expect(c.summary).toBe('1 host down: worker-c1');
    expect(tree(s, c)).toEqual(['1 shoot-condition-false p1/c1']);
  });

  it('says which phase a lost machine is in when it is passing through one (a planned reboot)', () => {
    const s = withSessionsTo(withMachine(s0, 'm2', { phase: 'Planned Reboot', phaseSince: T0 - 60_000 }), 'worker-c1', { state: 'Idle' });
    expect(s.diagnosis.causes[0]?.summary).toBe('1 host down: worker-c1 (Planned Reboot)');
  });

  it('does not call a machine lost that only stopped phoning home while its sessions are up', () => {
    const s = withMachine(s0, 'm2', { liveliness: 'Unknown' });
    const c = s.diagnosis.causes[0] as Cause;
    expect(c.id).not.toBe('hosts-lost');
    expect(c.severity).toBe('warning');
    expect(c.effects.machinesDown).toBe(0);
  });

  it('groups hosts that are down together into one cause naming them all, each with its chain under it', () => {
    let s = workerLost('Unknown');
    s = withMachine(s, 'm4', { liveliness: 'Dead' });
    s = withNode(s, 'bootstrap', { reachability: 'down' });
    s = withControlPlane(s, 'k3s', { reachable: false });
    s = withControlPlane(s, 'initial-metal-stack', { reachable: false });
    expectPartition(s);
    expect(s.diagnosis.causes).toHaveLength(1);
    const c = s.diagnosis.causes[0] as Cause;
    expect(c.summary).toBe('3 hosts down: bootstrap, worker-c1, worker-c2');
    expect(c.hint).toMatch(/^bring the hosts back first/);
    expect(tree(s, c)).toEqual([
      '0 node-down bootstrap',
      '1 control-plane-unreachable k3s',
      '2 control-plane-unreachable initial-metal-stack',
      '0 machine-dead m4',
      '0 machine-liveliness-unknown m2',
      '1 shoot-condition-false p1/c1',
      '2 control-plane-unreachable nested-metal-stack',
    ]);
  });
});

describe('diagnosis: the fabric', () => {
  it('puts the sessions towards a switch whose bgpd is down under that switch', () => {
    let s = withSwitch(s0, 'spine', { reachable: false, failure: 'bgpd', error: 'bgpd is not running' });
    s = withSessionsTo(s, 'spine', { state: 'Active' });
    expectPartition(s);
    const c = s.diagnosis.causes[0] as Cause;
    expect(s.diagnosis.causes).toHaveLength(1);
    expect(tree(s, c)[0]).toBe('0 bgpd-not-answering spine');
    expect(c.members.slice(1).every((m) => m.depth === 1 && s.findings[m.index]?.rule === 'bgp-session-down')).toBe(true);
    expect(c.followups).toBe('with it: 4 BGP sessions down');
  });

  it("finds the switch by the cable on the port when FRR does not know the peer's hostname", () => {
    let s = withSwitch(s0, 'spine', { reachable: false, failure: 'bgpd', error: 'bgpd is not running' });
    s = withSessionsTo(s, 'spine', { state: 'Active', peerHostname: undefined });
    expect(s.diagnosis.causes).toHaveLength(1);
    expect(s.diagnosis.causes[0]?.followups).toBe('with it: 4 BGP sessions down');
  });

  it('puts the sessions over a cable that is down under the cable', () => {
    let s = withLinks(s0, (l) => l.kind === 'underlay' && touches('leaf01')(l), { state: 'down' });
    s = withSessionsTo(s, 'spine', { state: 'Active' });
    const link = s.diagnosis.causes.find((c) => c.id.startsWith('link-down'));
    expect(link && tree(s, link)).toEqual([
      '0 link-down spine:Ethernet0--leaf01:Ethernet4',
      '1 bgp-session-down leaf01/default/ipv4Unicast/Ethernet4',
      '1 bgp-session-down leaf01/default/l2VpnEvpn/Ethernet4',
    ]);
  });
});

describe('overview rows of the diagnosis', () => {
  it('show a cause that is one thing as its worst finding, its other findings and what follows under it', () => {
    let s = withCondition(s0, 'c1', 'EveryNodeReady', { status: 'False' });
    s = withCondition(s, 'c1', 'SystemComponentsHealthy', { status: 'False' });
    s = withControlPlane(s, 'nested-metal-stack', { reachable: false });
    const rows = diagnosisRows(s.diagnosis, s.findings, true).rows.map((r) => r.cells.join(' | '));
    expect(rows).toEqual([
      expect.stringMatching(/^CRIT \| shoots \| shoot p1\/c1: EveryNodeReady is False$/),
      expect.stringMatching(/^CRIT \| shoots \| `- shoot p1\/c1: SystemComponentsHealthy is False$/),
      expect.stringMatching(/^CRIT \| control-planes \| `- control plane nested-metal-stack .* is not reachable/),
    ]);
  });

  it('give several lost hosts a row of their own, with each host under it', () => {
    let s = withMachine(s0, 'm2', { liveliness: 'Dead' });
    s = withMachine(s, 'm4', { liveliness: 'Dead' });
    const rows = diagnosisRows(s.diagnosis, s.findings).rows;
    expect(rows.map((r) => r.cells[2])).toEqual(['2 hosts down: worker-c1, worker-c2', expect.stringMatching(/^└ machine worker-c1 is Dead/), expect.stringMatching(/^└ machine worker-c2 is Dead/)]);
    expect(rows[0]?.id).toBe(`cause:${rows[1]?.id}`);
  });
});

describe('area lines beside the diagnosis', () => {
  const status = (s: RackSnapshot) => Object.fromEntries(summariseAreas(s, s.findings).map((a) => [a.area, `${a.status} ${a.text}`]));

  it('never say OK beside sessions and links that went down with a lost machine', () => {
    const st = status(workerLost('Unknown'));
    expect(st.bgp).toMatch(/^critical .*; 2 to lost hosts$/);
    expect(st.topology).toMatch(/^critical /);
    expect(st.machines).toMatch(/^critical .*1 Unknown.*; 1 lost$/);
  });

  it('never say OK beside a down count even when no finding explains it', () => {
    const s = judged({ ...s0, topology: { ...s0.topology, links: s0.topology.links.map((l) => (l.kind === 'management' && touches('bootstrap')(l) ? { ...l, state: 'unknown' as const } : l)) } });
    expect(status(s).topology).toMatch(/^ok /);
    const down = withNode(s0, 'm2', { reachability: 'down' });
    expect(down.findings).toEqual([]);
    expect(status(down).topology).toMatch(/^(warning|critical) 9 nodes, 1 down/);
  });
});
