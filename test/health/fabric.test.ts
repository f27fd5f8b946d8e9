// metal-api's view of the fabric (metal-core's reports) laid under the switches' own FRR, and what is judged of it.
import { describe, expect, it } from 'vitest';
import type { RackObservation, RackSnapshot } from '../../src/model/snapshot';
import { switchFromObject } from '../../src/sources/metal-api/switch-object';
import { fabricView } from '../../src/store/fabric-view';
import { type PortFixture, switchFixture } from '../fixtures/metal-api/switches';
import { healthySnapshot, T0, withSession } from '../fixtures/snapshot-builder';
import { findings, rules, theFinding } from './helpers';

const MINUTE = 60_000;
/** leaf01 as metal-core reports it, agreeing with the healthy fixture's FRR. */
const AGREEING: PortFixture[] = [
  { name: 'Ethernet4', state: 'Established', neighbor: 'spine', up: (T0 - 60 * MINUTE) / 1000 },
  { name: 'Ethernet1', vrf: 'Vrf30', state: 'Established', neighbor: 'worker-c1', up: (T0 - 60 * MINUTE) / 1000, machine: 'm2' },
];

/** The healthy rack with metal-api's switches as the store lays them under the BGP (fabricView). */
function withApiSwitches(switches: ReturnType<typeof switchFixture>[], patch: (s: RackSnapshot) => RackObservation = (s) => s): RackObservation {
  const base = patch(healthySnapshot());
  const metal = switches.map(switchFromObject);
  return { ...base, switches: metal, bgp: fabricView(base.bgp, metal) };
}

describe("metal-api's view of the fabric", () => {
  it('agreeing with FRR and freshly synced: nothing to say, and the SSH sessions are the ones shown', () => {
    const s = withApiSwitches([switchFixture('leaf01', { synced: T0 - 10_000, ports: AGREEING })]);
    expect(rules(findings(s))).toEqual([]);
    expect(s.bgp.switches.find((x) => x.name === 'leaf01')?.via).toBeUndefined();
  });

  it('a switch with no SSH access is shown from metal-api, and its down session is judged', () => {
    const s = withApiSwitches([switchFixture('leaf03', { synced: T0 - 10_000, ports: [{ name: 'Ethernet7', vrf: 'Vrf30', state: 'Active', neighbor: 'worker-x' }] })]);
    const leaf03 = s.bgp.switches.find((x) => x.name === 'leaf03');
    expect(leaf03).toMatchObject({ reachable: true, via: 'metal-api', syncedAt: T0 - 10_000 });
    expect(leaf03?.sessions[0]).toMatchObject({ neighbor: 'Ethernet7', peerHostname: 'worker-x', state: 'Active', addressFamily: 'metal-api' });
    const f = theFinding(findings(s), 'bgp-session-down', 'leaf03/Vrf30/metal-api/Ethernet7');
    expect(f.severity).toBe('critical');
  });

  it('SSH failed: the switch keeps its error, its sessions come from metal-api, and the blind spot is a warning', () => {
    const s = withApiSwitches([switchFixture('leaf01', { synced: T0 - 10_000, ports: AGREEING })], (b) => ({
      ...b,
      bgp: { switches: b.bgp.switches.map((x) => (x.name === 'leaf01' ? { ...x, reachable: false, error: 'ssh: connection refused' } : x)) },
    }));
    const leaf01 = s.bgp.switches.find((x) => x.name === 'leaf01');
    expect(leaf01).toMatchObject({ reachable: false, error: 'ssh: connection refused', via: 'metal-api' });
    expect(leaf01?.sessions.map((x) => x.neighbor)).toEqual(['Ethernet4', 'Ethernet1']);
    const f = theFinding(findings(s), 'switch-unreachable', 'leaf01');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain("its sessions are judged from metal-api's view (metal-core reported 10s ago)");
  });

  it('FRR and metal-api disagree on a session: a warning that says who says what; FRR wins', () => {
    const ports: PortFixture[] = [AGREEING[0] as PortFixture, { name: 'Ethernet1', vrf: 'Vrf30', state: 'Idle', neighbor: 'worker-c1' }];
    const s = withApiSwitches([switchFixture('leaf01', { synced: T0 - 10_000, ports })]);
    const f = theFinding(findings(s), 'bgp-views-disagree', 'leaf01');
    expect(f.severity).toBe('warning');
    expect(f.summary).toBe('leaf01 Ethernet1 (Vrf30 worker-c1): FRR says Established, metal-api says Idle (reported 10s ago)');
    expect(s.bgp.switches.find((x) => x.name === 'leaf01')?.sessions.every((x) => x.addressFamily !== 'metal-api')).toBe(true);
  });

  it('no disagreement when the session came up after the report, or when the report is out of date', () => {
    const ports: PortFixture[] = [{ name: 'Ethernet1', vrf: 'Vrf30', state: 'Active', neighbor: 'worker-c1' }];
    const justUp = withApiSwitches([switchFixture('leaf01', { synced: T0 - 10_000, ports })], (b) => withSession(b, 'leaf01', 'Ethernet1', { establishedSince: T0 - 5_000 }));
    expect(rules(findings(justUp))).toEqual([]);
    const old = withApiSwitches([switchFixture('leaf01', { synced: T0 - 90 * MINUTE, ports })]);
    expect(rules(findings(old))).toEqual(['switch-view-stale']);
    expect(theFinding(findings(old), 'switch-view-stale', 'leaf01').summary).toBe("metal-api's view of leaf01 is out of date: metal-core last reported 1h ago");
  });

  it('a sync that fails, a switch never synced, and the staleness limit from the health options', () => {
    const s = withApiSwitches([
      switchFixture('leaf01', { synced: T0 - 5 * MINUTE, syncError: { at: T0 - 10_000, error: 'could not apply\nredis timeout' }, ports: AGREEING }),
      switchFixture('leaf02', { ports: [] }),
    ]);
    const failing = theFinding(findings(s), 'switch-sync-failing', 'leaf01');
    expect(failing.summary).toBe('metal-core on leaf01 fails to apply its configuration (10s ago): could not apply redis timeout');
    expect(theFinding(findings(s), 'switch-view-stale', 'leaf02').summary).toContain('last reported never');
    expect(rules(findings(s, { switchSyncStale: 10 * MINUTE }).filter((f) => f.subject.id === 'leaf01'))).toEqual(['switch-sync-failing']);
  });

  it("metal-api's own health: degraded is a warning naming the service, unhealthy critical", () => {
    const api = (status: 'degraded' | 'unhealthy') => ({
      ...healthySnapshot(),
      apis: [{ name: 'metal-api', url: 'https://api/metal', status, message: 'some services are unhealthy', services: [{ name: 'rethinkdb', status: 'unhealthy', message: 'connection refused' }, { name: 'ipam', status: 'healthy', message: '' }] }],
    });
    const degraded = theFinding(findings(api('degraded')), 'api-unhealthy', 'metal-api');
    expect(degraded).toMatchObject({ severity: 'warning', summary: 'metal-api reports itself degraded: rethinkdb unhealthy (connection refused)' });
    expect(theFinding(findings(api('unhealthy')), 'api-unhealthy', 'metal-api').severity).toBe('critical');
  });

  it('keeps the fabric the same object while neither input changed', () => {
    const base = healthySnapshot();
    const metal = [switchFromObject(switchFixture('leaf03', { synced: T0, ports: [{ name: 'Ethernet0', state: 'Established' }] }))];
    expect(fabricView(base.bgp, metal)).toBe(fabricView(base.bgp, metal));
    expect(fabricView(base.bgp, [])).toBe(base.bgp);
  });
});
