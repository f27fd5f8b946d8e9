import { describe, expect, it } from 'vitest';
import { findings, rules, theFinding } from './helpers';
import { healthySnapshot, touches, withLinks, withMachine, withNode, withSwitch } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();

describe('topology: nodes', () => {
  it('reports a leaf that is down as critical node-down', () => {
    const f = theFinding(findings(withNode(s0, 'leaf01', { reachability: 'down' })), 'node-down', 'leaf01');
    expect(f).toMatchObject({ severity: 'critical', area: 'topology', subject: { kind: 'node', label: 'leaf01' } });
  });

  it.each(['router', 'spine', 'bootstrap'])('reports the %s being down as critical', (id) => {
    expect(theFinding(findings(withNode(s0, id, { reachability: 'down' })), 'node-down', id).severity).toBe('critical');
  });

  it('leaves a machine that is down to the machine rules', () => {
    expect(rules(findings(withNode(s0, 'm2', { reachability: 'down' })))).not.toContain('node-down');
  });

  it('does not report a node whose reachability is merely unknown', () => {
    expect(findings(withNode(s0, 'spine', { reachability: 'unknown' }))).toEqual([]);
  });
});

describe('topology: links', () => {
  it('reports a down underlay link between spine and leaf as critical', () => {
    const s = withLinks(s0, (l) => l.kind === 'underlay' && touches('leaf02')(l), { state: 'down' });
    const f = theFinding(findings(s), 'link-down', 'spine:Ethernet1--leaf02:Ethernet4');
    expect(f).toMatchObject({ severity: 'critical', subject: { kind: 'link', label: 'spine -> leaf02 (Ethernet1 / Ethernet4)' } });
  });

  it('reports a down router uplink as critical and a down management cable as warning', () => {
    const s = withLinks(s0, touches('router'), { state: 'down' });
    const all = findings(s);
    expect(theFinding(all, 'link-down', 'router:lan1--spine:Ethernet4').severity).toBe('critical');
    expect(theFinding(all, 'link-down', 'router:lan2--spine:eth0').severity).toBe('warning');
  });

  it('reports one of the two cables of a dual-homed machine as a warning', () => {
    const s = withLinks(s0, (l) => l.id === 'leaf01:Ethernet1--m2:lan0', { state: 'down' });
    const f = theFinding(findings(s), 'link-down', 'leaf01:Ethernet1--m2:lan0');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('worker-c1');
  });

  it('shows a dead leaf once, not once per cable', () => {
    let s = withNode(s0, 'leaf01', { reachability: 'down' });
    s = withLinks(s, touches('leaf01'), { state: 'down' });
    const topo = findings(s).filter((f) => f.area === 'topology');
    expect(topo.map((f) => f.rule)).toEqual(['node-down']);
  });

  it('does not report the cables of a machine metal-api declares Dead', () => {
    let s = withMachine(s0, 'm4', { liveliness: 'Dead' });
    s = withLinks(s, touches('m4'), { state: 'down' });
    expect(rules(findings(s))).not.toContain('link-down');
  });
});

describe('topology: reading the switches', () => {
  const MINUTE = 60_000;

  it('reports a switch whose LLDP cannot be read as lldp-unreadable with its reason and age', () => {
    const s = withNode(s0, 'leaf01', { reachability: 'unknown', neighbourRead: { error: 'lldpctl: output is not JSON: starts with "garbage"', lastSeen: s0.takenAt - 5 * MINUTE } });
    const f = theFinding(findings(s), 'lldp-unreadable', 'leaf01');
    expect(f.severity).toBe('warning');
    expect(f.summary).toBe('LLDP neighbours of leaf01 cannot be read: lldpctl: output is not JSON: starts with "garbage"; last seen 5m ago');
  });

  it('says an SSH failure once: switch-unreachable, not also lldp-unreadable with the same reason', () => {
    const error = 'cannot connect to 10.0.0.1:22: connection refused';
    const s = withSwitch(withNode(s0, 'leaf01', { reachability: 'unknown', neighbourRead: { error } }), 'leaf01', { reachable: false, error });
    expect(rules(findings(s))).toEqual(['switch-unreachable']);
  });

  it('reports a switch that now lists no LLDP neighbours where it listed some', () => {
    const s = withNode(s0, 'spine', { neighbourRead: { lastSeen: s0.takenAt, vanished: { count: 4, lastSeen: s0.takenAt - 2 * MINUTE } } });
    expect(theFinding(findings(s), 'lldp-neighbours-vanished', 'spine').summary).toBe('spine now reports no LLDP neighbours; it reported 4 2m ago');
  });

  it('reports a switch that now lists no BGP sessions where it listed some as critical', () => {
    const s = withSwitch(s0, 'leaf02', { sessions: [], vanished: { count: 6, lastSeen: s0.takenAt - MINUTE } });
    const f = theFinding(findings(s), 'bgp-sessions-vanished', 'leaf02');
    expect(f).toMatchObject({ severity: 'critical', summary: 'switch leaf02 now lists no BGP sessions; it listed 6 1m ago' });
  });
});
