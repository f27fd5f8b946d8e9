import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/model/machine';
import { HOUR, MINUTE, SECOND } from '../../src/model/time';
import { machineDetail } from '../../src/present/machine-detail';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';

const base = healthySnapshot().machines[1] as Machine;
const alloc = base.allocation as NonNullable<Machine['allocation']>;
const REF = 'https://docs.metal-stack.io/stable/operating/troubleshoot/#bmc-info-outdated';

const machine: Machine = {
  ...base,
  lock: 'LOCKED',
  lockReason: 'disk swap, ticket 4711',
  lastEventTime: T0 - 10 * SECOND,
  events: [
    { time: T0 - 1 * MINUTE, event: 'Phoned Home', message: 'phoned home' },
    { time: T0 - 3 * MINUTE, event: 'Booting New Kernel', message: '' },
    { time: T0 - 5 * MINUTE, event: 'Installing', message: 'installing ubuntu-24.4' },
    { time: T0 - 3 * HOUR - 5 * MINUTE, event: 'Waiting', message: '' },
    { time: T0 - 3 * HOUR - 6 * MINUTE, event: 'Registering', message: '' },
  ],
  allocation: {
    ...alloc,
    created: T0 - 5 * MINUTE,
    vpnConnected: true,
    networks: [
      { id: 'internet', ips: ['185.1.2.3'], vrf: 104009, asn: 4200003073, private: false, underlay: false },
      { id: 'tenant-net', ips: ['10.0.1.5', '10.0.1.6'], vrf: 30, private: true, underlay: false },
      { id: 'underlay', ips: ['10.1.0.1'], asn: 4200003073, private: false, underlay: true },
    ],
  },
  power: 'ON',
  ipmi: {
    address: '10.0.0.5',
    mac: 'aa:bb:cc:dd:ee:ff',
    bmcVersion: '1.42',
    lastUpdated: T0 - 25 * MINUTE,
    powerSupplies: [
      { health: 'OK', state: 'Enabled' },
      { health: 'Critical', state: 'Enabled' },
    ],
    averageWatts: 142.4,
  },
  issues: [{ id: 'bmc-info-outdated', severity: 'major', description: 'BMC has not been updated for a while', refUrl: REF }],
};

const lines = machineDetail(machine, T0);
const texts = lines.map((l) => l.text);
const lineWith = (text: string) => lines.find((l) => l.text.includes(text));

describe('machine detail', () => {
  it('lists the event timeline newest first with the gap before each event, a long silence on a line of its own', () => {
    const start = texts.findIndex((t) => t.startsWith('Event timeline'));
    expect(texts[start]).toBe('Event timeline (5 events, newest first)');
    const timeline = texts.slice(start + 1, start + 8);
    // last_event_time moved after the newest logged event: shown first, as what it is.
    expect(timeline[0]).toMatch(/^2026-05-04 09:59:50\s+10s ago\s+\+50s\s+last event time\s+not in the log$/);
    expect(timeline[1]).toMatch(/1m ago\s+\+2m\s+Phoned Home\s+phoned home$/);
    expect(timeline[2]).toMatch(/3m ago\s+\+2m\s+Booting New Kernel$/);
    expect(timeline[3]).toMatch(/5m ago\s+\+3h\s+Installing\s+installing ubuntu-24.4$/);
    expect(timeline[4]).toMatch(/gap 3h: no event between Waiting and Installing/);
    expect(timeline[5]).toMatch(/3h ago\s+\+1m\s+Waiting$/);
    // The oldest event has nothing before it.
    expect(timeline[6]).toMatch(/3h ago\s+Registering$/);
    expect(lineWith('gap 3h')?.tone).toBe('info');
  });

  it("shows the BMC's facts, and says when they are outdated or a power supply is unwell", () => {
    expect(texts).toContain('address         10.0.0.5');
    expect(texts).toContain('MAC             aa:bb:cc:dd:ee:ff');
    expect(texts).toContain('BMC version     1.42');
    expect(lineWith('last update')).toEqual(expect.objectContaining({ text: 'last update     25m ago (2026-05-04 09:35:00 UTC): outdated (older than 20m)', tone: 'warning' }));
    expect(lineWith('power supplies')).toEqual(expect.objectContaining({ text: 'power supplies  2: OK Enabled, Critical Enabled', tone: 'warning' }));
    expect(texts).toContain('power draw      142 W (average)');
  });

  it('shows the allocation with its networks, the VPN, the lock and its reason', () => {
    expect(texts).toContain('lock            LOCKED: disk swap, ticket 4711');
    expect(texts).toContain('marks           Locked VPN');
    expect(texts).toContain('created    5m ago (2026-05-04 09:55:00 UTC)');
    expect(texts).toContain('VPN        connected');
    expect(texts).toContain('  internet  185.1.2.3  VRF 104009  ASN 4200003073  external');
    expect(texts).toContain('  tenant-net  10.0.1.5, 10.0.1.6  VRF 30  private');
    expect(texts).toContain('  underlay  10.1.0.1  ASN 4200003073  underlay');
  });

  it("shows metal-api's issues with severity, id, description and where to read more", () => {
    expect(lineWith('bmc-info-outdated:')).toEqual({ text: 'major    bmc-info-outdated: BMC has not been updated for a while', tone: 'warning', hang: 9 });
    expect(texts).toContain(`    ${REF}`);
    expect(machineDetail({ ...machine, issues: undefined }, T0).map((l) => l.text)).toContain(
      'issues          not evaluated (no metal-api reports on this machine)',
    );
  });
});
