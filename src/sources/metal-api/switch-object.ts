/**
 * A switch as metal-api answers it (`v1.SwitchResponse` of `GET /v1/switch`) → the model's MetalSwitch: what
 * metal-core last reported of the switch's ports and BGP sessions. metal-core copies each session from FRR's
 * `show bgp vrf all neighbors json`, keyed by the port (metal-core cmd/internal/frr/frr.go), so `Neighbor` is the
 * peer's host name and the port name is the session's key for BGP unnumbered.
 */
import * as z from 'zod';
import { BGP_STATES, type BgpState } from '../../model/bgp';
import type { MetalPortBgp, MetalSwitch, MetalSwitchPort } from '../../model/metal-switch';
import type { EpochMs } from '../../model/time';
import { check, jsonCount, unexpected } from '../output-shape';
import { apiTime } from './api-time';

const text = z.string().optional();
const bgpPortState = z.object({
  Neighbor: z.string(),
  PeerGroup: z.string(),
  VrfName: z.string(),
  BgpState: z.string(),
  BgpTimerUpEstablished: z.number(),
  SentPrefixCounter: jsonCount,
  AcceptedPrefixCounter: jsonCount,
});
const nic = z.object({ name: z.string(), actual: z.string(), vrf: text, bgp_port_state: bgpPortState.optional() });
const sync = z.object({ time: z.string(), duration: z.number().optional(), error: text });
const switchSchema = z.object({
  id: z.string().min(1, { error: 'expected a switch id' }),
  name: text,
  rack_id: z.string(),
  partition: z.object({ id: text }),
  os: z.object({ vendor: text, version: text, metal_core_version: text }).optional(),
  management_ip: text,
  last_sync: sync.optional(),
  last_sync_error: sync.optional(),
  nics: z.array(nic),
  connections: z.array(z.object({ machine_id: text, nic: z.object({ name: z.string() }) })),
});

export function switchFromObject(raw: unknown): MetalSwitch {
  const s = check(switchSchema, raw);
  const machineOn = new Map(s.connections.flatMap((c) => (c.machine_id ? [[c.nic.name, c.machine_id] as const] : [])));
  const lastSync = s.last_sync ? syncOf(s.last_sync, ['last_sync']) : undefined;
  const lastSyncError = s.last_sync_error ? syncOf(s.last_sync_error, ['last_sync_error']) : undefined;
  return {
    id: s.id,
    name: s.name || s.id,
    partition: s.partition.id ?? '',
    rack: s.rack_id,
    ...(s.os ? { os: { vendor: s.os.vendor ?? '', version: s.os.version ?? '', metalCoreVersion: s.os.metal_core_version ?? '' } } : {}),
    ...(s.management_ip ? { managementIp: s.management_ip } : {}),
    ...(lastSync ? { lastSync } : {}),
    ...(lastSyncError ? { lastSyncError } : {}),
    ports: s.nics.map((n, i) => port(n, machineOn.get(n.name), i)),
  };
}

function port(n: z.output<typeof nic>, machineId: string | undefined, i: number): MetalSwitchPort {
  const link = n.actual === 'UP' || n.actual === 'DOWN' ? n.actual : 'UNKNOWN';
  return {
    name: n.name,
    link,
    ...(n.vrf ? { vrf: n.vrf } : {}),
    ...(machineId ? { machineId } : {}),
    ...(n.bgp_port_state ? { bgp: bgpOf(n.bgp_port_state, ['nics', i, 'bgp_port_state']) } : {}),
  };
}

function bgpOf(b: z.output<typeof bgpPortState>, path: Array<string | number>): MetalPortBgp {
  if (!(BGP_STATES as readonly string[]).includes(b.BgpState)) {
    throw unexpected([...path, 'BgpState'], `is ${JSON.stringify(b.BgpState)}, not a BGP state`);
  }
  // FRR's bgpTimerUpEstablishedEpoch: seconds since the epoch, 0 while the session never came up.
  const since = b.BgpTimerUpEstablished > 0 ? b.BgpTimerUpEstablished * 1000 : undefined;
  return {
    neighbor: b.Neighbor,
    peerGroup: b.PeerGroup,
    vrf: b.VrfName,
    state: b.BgpState as BgpState,
    ...(since !== undefined && b.BgpState === 'Established' ? { establishedSince: since } : {}),
    prefixesSent: b.SentPrefixCounter,
    prefixesAccepted: b.AcceptedPrefixCounter,
  };
}

/** `duration` is a Go time.Duration: nanoseconds. */
function syncOf(v: z.output<typeof sync>, path: string[]): { time: EpochMs; duration?: number; error?: string } | undefined {
  const time = apiTime(v.time, [...path, 'time']);
  if (time === undefined) return undefined;
  return { time, ...(v.duration !== undefined ? { duration: Math.round(v.duration / 1e6) } : {}), ...(v.error ? { error: v.error } : {}) };
}
