// Machines as the contract says metal-api answers them (every fixture validated against the swagger definitions).
import { describe, expect, it } from 'vitest';
import { machineFromObject } from '../../../src/sources/metal-api/machine-object';
import { assertContract, minimal, overlay } from '../../fixtures/metal-api/contract';

const T = (s: number) => new Date(Date.parse('2026-11-30T03:00:00Z') + s * 1000).toISOString().replace('.000Z', 'Z');
const PHASES = ['PXE Booting', 'Preparing', 'Registering', 'Waiting', 'Installing', 'Booting New Kernel', 'Phoned Home'];

/** A v1.MachineIPMIResponse: the contract's minimal valid one with the given fields over it. */
function machine(over: Record<string, unknown>): Record<string, unknown> {
  const m = overlay(minimal('v1.MachineIPMIResponse'), over);
  assertContract('v1.MachineIPMIResponse', m);
  return m;
}

describe('a machine from metal-api (contract-true fixtures)', () => {
  it('reads identity, allocation, the event log newest first, power and the marks', () => {
    const raw = machine({
      id: 'e0ab02d2-27cd-5a5e-8efc-080ba80cf258',
      name: 'machine01',
      rackid: 'rack-1',
      partition: overlay(minimal('v1.PartitionResponse'), { id: 'mini-rack' }),
      size: overlay(minimal('v1.SizeResponse'), { id: 'n1-medium-x86' }),
      liveliness: 'Alive',
      allocation: overlay(minimal('v1.MachineAllocation'), { name: 'shoot--p1--c1-group-0-abcde', hostname: 'shoot--p1--c1-group-0-abcde', project: 'uuid-p1', role: 'machine', succeeded: true, image: overlay(minimal('v1.ImageResponse'), { id: 'ubuntu-24.4' }) }),
      events: { crash_loop: false, failed_machine_reclaim: false, log: [...PHASES].reverse().map((event, i) => ({ event, message: '', time: T(60 - i) })) },
      ipmi: { address: '10.0.0.101:623', powerstate: 'ON' },
      ledstate: { value: 'LED-OFF', description: '' },
      state: { value: 'LOCKED', description: 'maintenance', metal_hammer_version: '' },
    });
    const m = machineFromObject(raw);
    expect(m).toMatchObject({
      id: 'e0ab02d2-27cd-5a5e-8efc-080ba80cf258',
      name: 'machine01',
      partition: 'mini-rack',
      rack: 'rack-1',
      size: 'n1-medium-x86',
      role: 'machine',
      allocation: { name: 'shoot--p1--c1-group-0-abcde', project: 'uuid-p1', cluster: 'p1/c1', image: 'ubuntu-24.4', succeeded: true },
      liveliness: 'Alive',
      phase: 'Phoned Home',
      phaseSince: Date.parse(T(60)),
      power: 'ON',
      led: 'LED-OFF',
      lock: 'LOCKED',
      crashLoop: false,
    });
    expect(m.events.map((e) => e.event)).toEqual([...PHASES].reverse());
  });

  it('reads the facts the detail shows: networks, VPN, allocation time, last event time, lock reason, BMC', () => {
    const m = machineFromObject(
      machine({
        id: 'fw1',
        liveliness: 'Alive',
        allocation: overlay(minimal('v1.MachineAllocation'), {
          name: 'shoot--p1--c1-firewall-0',
          project: 'p1',
          role: 'firewall',
          succeeded: true,
          created: T(-3600),
          networks: [overlay(minimal('v1.MachineNetwork'), { networkid: 'underlay', ips: ['10.0.0.5'], asn: 4210000005, vrf: 0, private: false, underlay: true })],
          vpn: { address: '100.64.0.5', auth_key: '', connected: true },
        }),
        events: { crash_loop: false, failed_machine_reclaim: false, log: [], last_event_time: T(5) },
        state: { value: 'RESERVED', description: 'kept for the drill', metal_hammer_version: '' },
        ipmi: overlay(minimal('v1.MachineIPMI'), {
          address: '10.0.0.105:623',
          mac: 'aa:bb:cc:00:00:05',
          bmcversion: '1.2.3',
          powerstate: 'ON',
          last_updated: T(0),
          powersupplies: [{ status: { health: 'OK', state: 'Enabled' } }],
          powermetric: { averageconsumedwatts: 42.5, intervalinmin: 1, maxconsumedwatts: 50, minconsumedwatts: 30 },
        }),
      }),
    );
    expect(m.allocation).toMatchObject({ created: Date.parse(T(-3600)), vpnConnected: true, networks: [{ id: 'underlay', ips: ['10.0.0.5'], asn: 4210000005, vrf: 0, underlay: true, private: false }] });
    expect(m).toMatchObject({ lastEventTime: Date.parse(T(5)), lock: 'RESERVED', lockReason: 'kept for the drill', role: 'firewall' });
    expect(m.ipmi).toEqual({ address: '10.0.0.105:623', mac: 'aa:bb:cc:00:00:05', bmcVersion: '1.2.3', lastUpdated: Date.parse(T(0)), powerSupplies: [{ health: 'OK', state: 'Enabled' }], averageWatts: 42.5 });
  });

  it('reads Go zero times as unknown and refuses a time that is not one', () => {
    const base = { id: 'm', liveliness: 'Alive' };
    const zero = machineFromObject(machine({ ...base, events: { crash_loop: false, failed_machine_reclaim: false, log: [], last_event_time: '0001-01-01T00:00:00Z' } }));
    expect(zero.lastEventTime).toBeUndefined();
    const bad = { ...minimal('v1.MachineIPMIResponse'), ...base, events: { crash_loop: false, failed_machine_reclaim: false, log: [], last_event_time: 'yesterday' } };
    expect(() => machineFromObject(bad)).toThrow(/events\.last_event_time.*not a time/);
  });

  it('shows each provisioning phase as the log grows', () => {
    const log: Array<{ event: string; message: string; time: string }> = [];
    for (const [i, event] of PHASES.entries()) {
      log.unshift({ event, message: '', time: T(i) });
      expect(machineFromObject(machine({ id: 'm', liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log: [...log] } })).phase).toBe(event);
    }
  });

  it('carries crash loop, failed reclaim, Dead and a machine without a BMC', () => {
    const m = machineFromObject(
      machine({ id: 'm', liveliness: 'Dead', events: { crash_loop: true, failed_machine_reclaim: true, log: [{ event: 'Crashed', message: 'kernel panic', time: T(5) }], last_error_event: { event: 'Crashed', message: 'kernel panic', time: T(5) } }, ipmi: { address: '' } }),
    );
    expect(m).toMatchObject({ liveliness: 'Dead', crashLoop: true, failedReclaim: true, power: 'no-bmc', lastErrorEvent: { event: 'Crashed', message: 'kernel panic' } });
  });

  it('refuses an event time that is not a time', () => {
    expect(() => machineFromObject(machine({ id: 'm', liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log: [{ event: 'Waiting', time: 'soon' }] } }))).toThrow(
      'unexpected output shape: events.log[0].time is "soon", not a time',
    );
  });

  it('refuses an event this version does not know, naming it, rather than showing a wrong phase', () => {
    expect(() => machineFromObject(machine({ id: 'm', liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log: [{ event: 'Teleporting', time: T(1) }] } }))).toThrow(
      'unexpected output shape: events.log[0].event is "Teleporting", not a provisioning event this version knows',
    );
  });
});
