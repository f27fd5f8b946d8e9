// Switches as the contract says metal-api answers them: what metal-core last reported of ports and BGP.
import { describe, expect, it } from 'vitest';
import { switchFromObject } from '../../../src/sources/metal-api/switch-object';
import { minimal, overlay } from '../../fixtures/metal-api/contract';
import { switchFixture } from '../../fixtures/metal-api/switches';

const T0 = Date.parse('2026-11-30T03:00:00Z');

describe('a switch from metal-api (contract-true fixtures)', () => {
  it('reads OS, metal-core version, last sync, ports with link, VRF, machine and BGP state', () => {
    const s = switchFromObject(
      switchFixture('leaf01', {
        synced: T0,
        syncError: { at: T0 - 60_000, error: 'could not apply: redis timeout' },
        ports: [
          { name: 'Ethernet0', vrf: 'Vrf30', state: 'Established', neighbor: 'machine01', up: T0 / 1000 - 600, machine: 'm1' },
          { name: 'Ethernet4', state: 'Active', neighbor: 'spine', actual: 'DOWN' },
          { name: 'Ethernet8' },
        ],
      }),
    );
    expect(s).toMatchObject({
      name: 'leaf01',
      partition: 'mini-rack',
      rack: 'rack-1',
      os: { vendor: 'SONiC', version: '202311', metalCoreVersion: 'v0.13.0' },
      managementIp: '10.0.0.11',
      lastSync: { time: T0, duration: 250 },
      lastSyncError: { time: T0 - 60_000, error: 'could not apply: redis timeout' },
    });
    expect(s.ports).toEqual([
      { name: 'Ethernet0', link: 'UP', vrf: 'Vrf30', machineId: 'm1', bgp: { neighbor: 'machine01', peerGroup: 'MACHINE', vrf: 'Vrf30', state: 'Established', establishedSince: T0 - 600_000, prefixesSent: 3, prefixesAccepted: 2 } },
      { name: 'Ethernet4', link: 'DOWN', bgp: { neighbor: 'spine', peerGroup: 'MACHINE', vrf: 'default', state: 'Active', prefixesSent: 3, prefixesAccepted: 2 } },
      { name: 'Ethernet8', link: 'UP' },
    ]);
  });

  it('names what it cannot read: a BGP state FRR does not have, a time that is not one', () => {
    expect(() => switchFromObject(switchFixture('leaf01', { synced: T0, ports: [{ name: 'Ethernet0', state: 'Sleeping' }] }))).toThrow(
      'unexpected output shape: nics[0].bgp_port_state.BgpState is "Sleeping", not a BGP state',
    );
    const bad = overlay(switchFixture('leaf01', { ports: [] }), { last_sync: { time: 'soon', duration: 1 } });
    expect(() => switchFromObject(bad)).toThrow(/last_sync\.time is "soon", not a time/);
    expect(() => switchFromObject({ ...minimal('v1.SwitchResponse'), id: 'x', nics: 'none' })).toThrow(/nics/);
  });

  it('reads a switch that never synced (Go zero time) as one without a sync', () => {
    const s = switchFromObject(overlay(switchFixture('leaf02', { ports: [] }), { last_sync: { time: '0001-01-01T00:00:00Z', duration: 0 } }));
    expect(s.lastSync).toBeUndefined();
  });
});
