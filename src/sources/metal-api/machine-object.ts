/**
 * A machine as metal-api answers it (`v1.MachineIPMIResponse` of `POST /v1/machine/ipmi/find`, or
 * `v1.MachineResponse` without `ipmi`) → the model's Machine. Shape checked (a wrong field is an error naming its
 * path); only what the Machines pane, the rules and the wizards read. Facts: shared/domain/metal-api.md.
 */
import * as z from 'zod';
import {
  LIVELINESS,
  type Machine,
  type MachineIpmi,
  type MachineNetwork,
  PROVISIONING_EVENTS, type ProvisioningEvent, type ProvisioningEventType,
} from '../../model/machine';
import { check, unexpected } from '../output-shape';
import { apiTime } from './api-time';

const text = z.string().optional();
const event = z.object({ event: z.string(), message: text, time: text });
const network = z.object({
  networkid: z.string(),
  ips: z.array(z.string()),
  vrf: z.number().optional(),
  asn: z.number().optional(),
  private: z.boolean(),
  underlay: z.boolean(),
});
const ipmi = z.object({
  address: text,
  mac: text,
  bmcversion: text,
  powerstate: text,
  last_updated: text,
  powersupplies: z.array(z.object({ status: z.object({ health: text, state: text }).optional() })).optional(),
  powermetric: z.object({ averageconsumedwatts: z.number().optional() }).optional(),
});

const machineSchema = z.object({
  id: z.string().min(1, { error: 'expected a machine id' }),
  name: text,
  rackid: text,
  partition: z.object({ id: text }).optional(),
  size: z.object({ id: text }).optional(),
  allocation: z
    .object({
      name: z.string(),
      hostname: text,
      project: z.string(),
      role: text,
      succeeded: z.boolean(),
      created: text,
      image: z.object({ id: text }).optional(),
      networks: z.array(network).optional(),
      vpn: z.object({ connected: z.boolean() }).optional(),
    })
    .optional(),
  liveliness: z.string(),
  state: z.object({ value: z.string(), description: text }).optional(),
  ledstate: z.object({ value: z.string() }).optional(),
  events: z.object({
    log: z.array(event),
    crash_loop: z.boolean(),
    failed_machine_reclaim: z.boolean(),
    last_error_event: event.optional(),
    last_event_time: text,
  }),
  ipmi: ipmi.optional(),
});

export function machineFromObject(raw: unknown): Machine {
  const m = check(machineSchema, raw);
  const events = m.events.log.map((e, i) => toEvent(e, ['events', 'log', i]));
  const last = events[0];
  const a = m.allocation;
  const liveliness = (LIVELINESS as readonly string[]).includes(m.liveliness) ? (m.liveliness as Machine['liveliness']) : 'Unknown';
  const lastError = m.events.last_error_event ? toEvent(m.events.last_error_event, ['events', 'last_error_event']) : undefined;
  const cluster = a ? shootOf(a.hostname ?? a.name) : undefined;
  const created = apiTime(a?.created, ['allocation', 'created']);
  const lastEventTime = apiTime(m.events.last_event_time, ['events', 'last_event_time']);
  const lockReason = m.state?.value ? m.state.description : undefined;
  return {
    id: m.id,
    name: m.name || m.id,
    partition: m.partition?.id ?? '',
    rack: m.rackid ?? '',
    size: m.size?.id ?? '',
    role: a?.role === 'firewall' ? 'firewall' : 'machine',
    ...(a
      ? {
          allocation: {
            name: a.name,
            ...(a.hostname ? { hostname: a.hostname } : {}),
            project: a.project,
            ...(cluster ? { cluster } : {}),
            image: a.image?.id ?? '',
            succeeded: a.succeeded,
            ...(created !== undefined ? { created } : {}),
            ...(a.networks ? { networks: a.networks.map(toNetwork) } : {}),
            ...(a.vpn ? { vpnConnected: a.vpn.connected } : {}),
          },
        }
      : {}),
    liveliness,
    ...(last ? { phase: last.event, phaseSince: last.time } : {}),
    events,
    ...(lastEventTime !== undefined ? { lastEventTime } : {}),
    crashLoop: m.events.crash_loop,
    failedReclaim: m.events.failed_machine_reclaim,
    ...(lastError ? { lastErrorEvent: lastError } : {}),
    power: power(m.ipmi),
    ...(m.ledstate?.value === 'LED-ON' || m.ledstate?.value === 'LED-OFF' ? { led: m.ledstate.value } : {}),
    lock: m.state?.value === 'LOCKED' || m.state?.value === 'RESERVED' ? m.state.value : '',
    ...(lockReason ? { lockReason } : {}),
    ...(m.ipmi ? { ipmi: toIpmi(m.ipmi) } : {}),
    uplinks: [],
  };
}

function toNetwork(n: z.output<typeof network>): MachineNetwork {
  return {
    id: n.networkid,
    ips: n.ips,
    ...(n.vrf !== undefined ? { vrf: n.vrf } : {}),
    ...(n.asn !== undefined ? { asn: n.asn } : {}),
    private: n.private,
    underlay: n.underlay,
  };
}

function toIpmi(i: z.output<typeof ipmi>): MachineIpmi {
  const lastUpdated = apiTime(i.last_updated, ['ipmi', 'last_updated']);
  const watts = i.powermetric?.averageconsumedwatts;
  return {
    address: i.address ?? '',
    mac: i.mac ?? '',
    bmcVersion: i.bmcversion ?? '',
    ...(lastUpdated !== undefined ? { lastUpdated } : {}),
    powerSupplies: (i.powersupplies ?? []).map((p) => ({ health: p.status?.health ?? '', state: p.status?.state ?? '' })),
    ...(watts !== undefined && Number.isFinite(watts) ? { averageWatts: watts } : {}),
  };
}

function toEvent(e: z.output<typeof event>, path: Array<string | number>): ProvisioningEvent {
  if (!(PROVISIONING_EVENTS as readonly string[]).includes(e.event)) {
    throw unexpected([...path, 'event'], `is ${JSON.stringify(e.event)}, not a provisioning event this version knows`);
  }
  const time = e.time === undefined ? 0 : Date.parse(e.time);
  if (!Number.isFinite(time)) throw unexpected([...path, 'time'], `is ${JSON.stringify(e.time)}, not a time`);
  return { event: e.event as ProvisioningEventType, message: e.message ?? '', time };
}

/** A machine without a BMC address has no power state to read (the mini-rack's small PCs). */
function power(ipmi: { address?: string; powerstate?: string } | undefined): Machine['power'] {
  if (!ipmi) return 'unknown';
  if (!ipmi.address) return 'no-bmc';
  return ipmi.powerstate === 'ON' || ipmi.powerstate === 'OFF' ? ipmi.powerstate : 'unknown';
}

/** shoot--p1--c1-group-0-abcde → p1/c1: Gardener names worker and firewall machines after the shoot's technical ID. */
function shootOf(name: string): string | undefined {
  const m = /^shoot--([a-z0-9-]+?)--([a-z0-9-]+?)-(?:group|firewall|worker)/.exec(name);
  return m ? `${m[1]}/${m[2]}` : undefined;
}
