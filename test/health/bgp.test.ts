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
  it('reports an unreachable switch as critical with its error and when it was last seen', () => {
    const s = withSwitch(s0, 'leaf02', { reachable: false, error: 'vtysh: bgpd is not running\n', lastSeen: T0 - 3 * 60 * SECOND });
    const f = theFinding(findings(s), 'switch-unreachable', 'leaf02');
    expect(f).toMatchObject({ severity: 'critical', area: 'bgp', subject: { kind: 'switch', label: 'leaf02' } });
    expect(f.summary).toContain('vtysh: bgpd is not running');
    expect(f.summary).toContain('3m ago');
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
