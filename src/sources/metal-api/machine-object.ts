/**
 * A machine as metal-api answers it (`v1.MachineIPMIResponse` of `POST /v1/machine/ipmi/find`, or
 * `v1.MachineResponse` without `ipmi`) → the model's Machine. Shape checked (a wrong field is an error naming its
 * path); only what the Machines pane, the rules and the wizards read. Facts: shared/domain/metal-api.md.
 */
import { z } from 'zod';
import { LIVELINESS, type Machine, PROVISIONING_EVENTS, type ProvisioningEvent, type ProvisioningEventType } from '../../model/machine';
import { check, unexpected } from '../output-shape';

const text = z.string().optional();
const event = z.object({ event: z.string(), message: text, time: text });

const machineSchema = z.object({
  id: z.string().min(1, { error: 'expected a machine id' }),
  name: text,
  rackid: text,
  partition: z.object({ id: text }).optional(),
  size: z.object({ id: text }).optional(),
  allocation: z
    .object({ name: z.string(), hostname: text, project: z.string(), role: text, succeeded: z.boolean(), image: z.object({ id: text }).optional() })
    .optional(),
  liveliness: z.string(),
  state: z.object({ value: z.string() }).optional(),
  ledstate: z.object({ value: z.string() }).optional(),
  events: z.object({ log: z.array(event), crash_loop: z.boolean(), failed_machine_reclaim: z.boolean(), last_error_event: event.optional() }),
  ipmi: z.object({ address: text, powerstate: text }).optional(),
});

export function machineFromObject(raw: unknown): Machine {
  const m = check(machineSchema, raw);
  const events = m.events.log.map((e, i) => toEvent(e, ['events', 'log', i]));
  const last = events[0];
  const a = m.allocation;
  const liveliness = (LIVELINESS as readonly string[]).includes(m.liveliness) ? (m.liveliness as Machine['liveliness']) : 'Unknown';
  const lastError = m.events.last_error_event ? toEvent(m.events.last_error_event, ['events', 'last_error_event']) : undefined;
  const cluster = a ? shootOf(a.hostname ?? a.name) : undefined;
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
          },
        }
      : {}),
    liveliness,
    ...(last ? { phase: last.event, phaseSince: last.time } : {}),
    events,
    crashLoop: m.events.crash_loop,
    failedReclaim: m.events.failed_machine_reclaim,
    ...(lastError ? { lastErrorEvent: lastError } : {}),
    power: power(m.ipmi),
    ...(m.ledstate?.value === 'LED-ON' || m.ledstate?.value === 'LED-OFF' ? { led: m.ledstate.value } : {}),
    lock: m.state?.value === 'LOCKED' || m.state?.value === 'RESERVED' ? m.state.value : '',
    uplinks: [],
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
