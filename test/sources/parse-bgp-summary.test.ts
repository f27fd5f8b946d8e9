import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors';
import { parseBgpSummary } from '../../src/sources/ssh/parse-bgp-summary';
import { frr, SPINE_BGPD_KILLED, SPINE_ESTABLISHED, SPINE_LINK_DOWN } from './frr-fixtures';

const NOW = 1_795_474_881_000;
const find = (sessions: ReturnType<typeof parseBgpSummary>['sessions'], vrf: string, af: string, neighbor: string) =>
  sessions.find((s) => s.vrf === vrf && s.addressFamily === af && s.neighbor === neighbor);

describe('parseBgpSummary on the lab captures (FRR 8.4.4)', () => {
  it('reads every VRF × address family × peer of the healthy spine', () => {
    const out = parseBgpSummary('spine', frr(SPINE_ESTABLISHED), NOW);
    expect(out.routerId).toBe('10.255.255.1');
    expect(out.as).toBe(4200000001);
    expect(out.sessions.map((s) => `${s.vrf}/${s.addressFamily}/${s.neighbor}`)).toEqual([
      'default/ipv4Unicast/swp1',
      'default/ipv4Unicast/swp2',
      'default/l2VpnEvpn/swp1',
      'default/l2VpnEvpn/swp2',
    ]);
    expect(find(out.sessions, 'default', 'ipv4Unicast', 'swp1')).toEqual({
      switch: 'spine',
      vrf: 'default',
      addressFamily: 'ipv4Unicast',
      neighbor: 'swp1',
      idType: 'interface',
      peerHostname: 'leaf01',
      remoteAs: 4200000011,
      localAs: 4200000001,
      state: 'Established',
      adminState: 'OK',
      // peerUptimeMsec 5000, measured on our clock.
      establishedSince: NOW - 5000,
      drops: 0,
      prefixesReceived: 1,
      prefixesSent: 3,
    });
  });

  it('a down peer carries how long it has been down and how often it dropped (FRR 8.4 capture after bgpd was killed)', () => {
    const out = parseBgpSummary('spine', frr(SPINE_BGPD_KILLED), NOW);
    const down = find(out.sessions, 'default', 'ipv4Unicast', 'swp2');
    // peerUptime "00:00:01" of an Idle peer: a second since it left Established; connectionsDropped 1.
    expect(down).toMatchObject({ state: 'Idle', downSince: NOW - 1000, drops: 1 });
    expect(down?.establishedSince).toBeUndefined();
  });

  it('without a clock falls back to the switch’s peerUptimeEstablishedEpoch', () => {
    const out = parseBgpSummary('spine', frr(SPINE_ESTABLISHED));
    expect(find(out.sessions, 'default', 'ipv4Unicast', 'swp1')?.establishedSince).toBe(1795474876 * 1000);
  });

  it("shows leaf02's peer Idle after its bgpd was killed, with peerState OK kept apart from the session state", () => {
    const out = parseBgpSummary('spine', frr(SPINE_BGPD_KILLED), NOW);
    const swp2 = find(out.sessions, 'default', 'ipv4Unicast', 'swp2');
    expect(swp2).toMatchObject({ state: 'Idle', adminState: 'OK', peerHostname: 'leaf02', prefixesReceived: 0 });
    // peerUptime counts the down time now: it must not become an "established since".
    expect(swp2?.establishedSince).toBeUndefined();
    expect(find(out.sessions, 'default', 'l2VpnEvpn', 'swp2')?.state).toBe('Idle');
    expect(find(out.sessions, 'default', 'ipv4Unicast', 'swp1')?.state).toBe('Established');
  });

  it("shows leaf02's peer Idle with its link down", () => {
    const out = parseBgpSummary('spine', frr(SPINE_LINK_DOWN), NOW);
    expect(out.sessions.filter((s) => s.state !== 'Established').map((s) => `${s.addressFamily}/${s.neighbor}`)).toEqual([
      'ipv4Unicast/swp2',
      'l2VpnEvpn/swp2',
    ]);
  });
});

describe('parseBgpSummary on other shapes', () => {
  it('reads several VRFs (default and a tenant VRF) and peers that never came up', () => {
    const out = parseBgpSummary('leaf01', frr('handcrafted-bgp-summary-multi-vrf.json'), NOW);
    expect(out).toMatchObject({ routerId: '10.0.7.7', as: 4200017005 });
    expect(out.sessions).toHaveLength(4);
    expect(find(out.sessions, 'Vrf30', 'ipv4Unicast', 'Ethernet0')).toMatchObject({
      peerHostname: 'shoot--p1--c1-group-0-abc',
      remoteAs: 4210000047,
      state: 'Established',
    });
    // The l2VpnEvpn entry carries only state and prefix counts.
    expect(find(out.sessions, 'default', 'l2VpnEvpn', 'Ethernet120')).toEqual({
      switch: 'leaf01',
      vrf: 'default',
      addressFamily: 'l2VpnEvpn',
      neighbor: 'Ethernet120',
      idType: 'interface',
      state: 'Established',
      prefixesReceived: 880,
      prefixesSent: 1288,
    });
    // remoteAs 0 is FRR's "not heard from yet", not an AS number.
    const never = find(out.sessions, 'default', 'ipv4Unicast', 'Ethernet23');
    expect(never).toMatchObject({ state: 'Idle', localAs: 4200017005 });
    expect(never?.remoteAs).toBeUndefined();
    expect(never?.peerHostname).toBeUndefined();
  });

  it('reads `show bgp summary json` without the VRF wrapper as the default VRF', () => {
    const out = parseBgpSummary('spine', frr('handcrafted-bgp-summary-no-vrf-wrapper.json'), NOW);
    expect(out.routerId).toBe('10.255.255.1');
    expect(out.sessions.map((s) => `${s.vrf}/${s.addressFamily}/${s.neighbor}/${s.idType}/${s.state}`)).toEqual([
      'default/ipv4Unicast/10.0.0.2/ipv4/Established',
      'default/ipv4Unicast/10.0.0.6/ipv4/Active',
      'default/ipv6Unicast/fd00::2/ipv6/Established',
    ]);
  });

  it('maps states outside the FSM to Idle, keeping the word FRR used, and reads admin and asdot details', () => {
    const out = parseBgpSummary('leaf01', frr('handcrafted-bgp-summary-odd-states.json'), NOW);
    const by = (n: string) => find(out.sessions, 'default', 'ipv4Unicast', n);
    expect(by('Ethernet1')).toMatchObject({ state: 'Idle', lastResetReason: 'FRR reports state "Clearing"', peerHostname: 'm1' });
    expect(by('Ethernet2')).toMatchObject({ state: 'Idle', lastResetReason: 'FRR reports state "Deleted"' });
    expect(by('Ethernet3')).toMatchObject({ state: 'Idle', adminState: 'Admin' });
    expect(by('Ethernet3')?.lastResetReason).toBeUndefined();
    expect(by('Ethernet4')).toMatchObject({ state: 'Idle', adminState: 'Admin' });
    expect(by('Ethernet23')).toEqual({ switch: 'leaf01', vrf: 'default', addressFamily: 'ipv4Unicast', neighbor: 'Ethernet23', idType: 'interface', state: 'Idle' });
    expect(by('192.0.2.1')).toMatchObject({ idType: 'ipv4', remoteAs: 4200000000, state: 'Connect' });
    expect(by('fe80::1')).toMatchObject({ idType: 'ipv6', state: 'OpenSent', adminState: 'PfxCt' });
  });

  it('accepts a VRF without address families (BGP configured, no peers yet)', () => {
    expect(parseBgpSummary('spine', '{"default":{}}').sessions).toEqual([]);
  });
});

describe('parseBgpSummary keeps every name', () => {
  it('keeps a VRF and peers named __proto__ or constructor (valid Linux names) with their sessions', () => {
    const stdout = '{"__proto__":{"ipv4Unicast":{"peers":{"__proto__":{"state":"Established"},"constructor":{"state":"Idle"}}}}}';
    const out = parseBgpSummary('leaf01', stdout, NOW);
    expect(out.sessions.map((s) => `${s.vrf}/${s.neighbor}/${s.state}`)).toEqual(['__proto__/__proto__/Established', '__proto__/constructor/Idle']);
  });
});

describe('parseBgpSummary refuses garbage with one short line', () => {
  const full = frr(SPINE_ESTABLISHED);
  const cases: Array<[string, string, string | RegExp]> = [
    ['empty stdout', '', 'output is empty'],
    ['only whitespace', ' \n\t\n', 'output is empty'],
    ['cut after the first brace', full.slice(0, 1), 'output is not JSON (truncated?)'],
    ['cut inside a peer', full.slice(0, 400), 'output is not JSON (truncated?)'],
    ['cut one character short', full.trimEnd().slice(0, -1), 'output is not JSON (truncated?)'],
    ['an HTML page', '<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>', 'output is HTML, not JSON'],
    ['a shell greeting before the JSON', `Welcome to SONiC\n${full}`, 'output is not JSON: starts with "Welcome to SONiC"'],
    ['an error text', '% Unknown command: show bgp vrf all summary json', /^output is not JSON: starts with "% Unknown command: show bgp vrf all s\.\.\."$/],
    ['an empty object', '{}', 'unexpected output shape: the top level has no VRF (is BGP configured?)'],
    ['a list', '[1,2]', 'unexpected output shape: the top level is a list, expected an object'],
    ['a VRF that is a string', '{"default":"x"}', 'unexpected output shape: default is a string ("x"), expected an object'],
    ['peers as a list', '{"default":{"ipv4Unicast":{"peers":[]}}}', 'unexpected output shape: default.ipv4Unicast.peers is a list, expected an object'],
    ['a peer without state', '{"default":{"ipv4Unicast":{"peers":{"swp1":{"remoteAs":1}}}}}', 'unexpected output shape: default.ipv4Unicast.peers.swp1.state is missing'],
    ['a numeric state', '{"default":{"ipv4Unicast":{"peers":{"10.0.0.1":{"state":6}}}}}', 'unexpected output shape: default.ipv4Unicast.peers["10.0.0.1"].state is a number, expected a string'],
    ['a string prefix count', '{"default":{"ipv4Unicast":{"peers":{"swp1":{"state":"Idle","pfxRcd":"3"}}}}}', 'unexpected output shape: default.ipv4Unicast.peers.swp1.pfxRcd is a string ("3"), expected a number'],
    ['null', 'null', 'unexpected output shape: the top level is null, expected an object'],
    // Valid JSON, wrong shape: never "reachable, 0 sessions".
    ['the summary wrapped in "data"', `{"data":${full}}`, 'unexpected output shape: data.default is not an address family (expected ipv4Unicast, l2VpnEvpn, …)'],
    ['the summary wrapped in "default"', `{"default":${full}}`, 'unexpected output shape: default.default is not an address family (expected ipv4Unicast, l2VpnEvpn, …)'],
    ['deeply nested objects', `${'{"a":'.repeat(50)}{}${'}'.repeat(50)}`, 'unexpected output shape: a.a is not an address family (expected ipv4Unicast, l2VpnEvpn, …)'],
    ['a prefix count too large for a number', '{"default":{"ipv4Unicast":{"peers":{"swp1":{"state":"Idle","pfxRcd":1e400}}}}}', 'unexpected output shape: default.ipv4Unicast.peers.swp1.pfxRcd is a number too large to use'],
    ['a negative uptime', '{"default":{"ipv4Unicast":{"peers":{"swp1":{"state":"Idle","peerUptimeMsec":-5}}}}}', 'unexpected output shape: default.ipv4Unicast.peers.swp1.peerUptimeMsec is -5, expected a number that is not negative'],
  ];
  it.each(cases)('%s', (_what, stdout, message) => {
    let error: unknown;
    try {
      parseBgpSummary('spine', stdout);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceError);
    const text = (error as Error).message;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(120);
  });
});
