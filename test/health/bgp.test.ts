import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/model/time';
import { findings, rules, theFinding } from './helpers';
import { T0, healthySnapshot, touches, withLinks, withNode, withSession, withSessionsTo, withSwitch } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();

describe('bgp sessions', () => {
  it('reports a FABRIC session stuck in Active as critical, naming switch and peer', () => {
    const s = withSession(s0, 'leaf02', 'Ethernet4', { state: 'Active', lastResetReason: 'Waiting for peer OPEN' }, 'ipv4Unicast');
    const f = theFinding(findings(s), 'bgp-session-down', 'leaf02/default/ipv4Unicast/Ethernet4');
    expect(f).toMatchObject({ severity: 'critical', area: 'bgp', subject: { kind: 'bgp-session' } });
    expect(f.summary).toContain('leaf02 -> spine');
    expect(f.summary).toContain('Active');
    expect(f.summary).toContain('Waiting for peer OPEN');
  });

  it('reports a machine session in its tenant VRF', () => {
    const s = withSession(s0, 'leaf01', 'Ethernet1', { state: 'Idle' });
    const f = theFinding(findings(s), 'bgp-session-down', 'leaf01/Vrf30/ipv4Unicast/Ethernet1');
    expect(f.summary).toContain('worker-c1');
  });

  it('shows an administratively shut down peer as info, not critical', () => {
    const s = withSession(s0, 'spine', '10.255.0.1', { state: 'Idle', adminState: 'Admin' });
    const f = theFinding(findings(s), 'bgp-session-down', 'spine/default/ipv4Unicast/10.255.0.1');
    expect(f.severity).toBe('info');
    expect(f.summary).toContain('shut down by an administrator');
  });

  it('does not report sessions towards a leaf that is down; the node finding says it', () => {
    let s = withNode(s0, 'leaf01', { reachability: 'down' });
    s = withLinks(s, touches('leaf01'), { state: 'down' });
    s = withSessionsTo(s, 'leaf01', { state: 'Active' });
    s = withSwitch(s, 'leaf01', { reachable: false, error: 'ssh: connect to host leaf01 port 22: No route to host', lastSeen: T0 - 90 * SECOND });
    expect(rules(findings(s)).sort()).toEqual(['node-down', 'switch-unreachable']);
  });
});

describe('switches', () => {
  it('reports a switch SSH cannot reach as critical with its error, when it was last seen, and SSH in the hint', () => {
    const s = withSwitch(s0, 'leaf02', { reachable: false, failure: 'ssh', error: 'connect ECONNREFUSED 10.0.0.12:22', lastSeen: T0 - 3 * 60 * SECOND });
    const f = theFinding(findings(s), 'switch-unreachable', 'leaf02');
    expect(f).toMatchObject({ severity: 'critical', area: 'bgp', subject: { kind: 'switch', label: 'leaf02' } });
    expect(f.summary).toContain('connect ECONNREFUSED 10.0.0.12:22');
    expect(f.summary).toContain('3m ago');
    expect(f.hint).toMatch(/^leaf02 does not answer over SSH/);
  });

  it('a switch that answers over SSH while its bgpd does not is said as such, not as unreachable', () => {
    const s = withSwitch(s0, 'leaf02', { reachable: false, failure: 'bgpd', error: 'bgpd is not running (vtysh exit 1)', lastSeen: T0 - 3 * 60 * SECOND });
    expect(rules(findings(s))).toEqual(['bgpd-not-answering']);
    const f = theFinding(findings(s), 'bgpd-not-answering', 'leaf02');
    expect(f.severity).toBe('critical');
    expect(f.summary).toBe('switch leaf02 answers over SSH, but its BGP daemon does not: bgpd is not running (vtysh exit 1); last good read 3m ago');
    expect(f.hint).toMatch(/systemctl status frr/);
  });

  it('does not judge the stale session list of a switch it cannot read', () => {
    let s = withSession(s0, 'leaf02', 'Ethernet4', { state: 'Idle' });
    s = withSwitch(s, 'leaf02', { reachable: false });
    expect(rules(findings(s))).toEqual(['switch-unreachable']);
    expect(findings(s)[0]?.summary).toContain('last seen');
  });

  it('says "never" for a switch that never answered', () => {
    const s = withSwitch(s0, 'spine', { reachable: false, lastSeen: undefined, error: undefined });
    expect(theFinding(findings(s), 'switch-unreachable', 'spine').summary).toContain('last seen never');
  });
});
