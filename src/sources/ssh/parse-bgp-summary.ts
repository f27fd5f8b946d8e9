/**
 * FRR `show bgp vrf all summary json` (top level keyed by VRF, then address family) and `show bgp summary json`
 * (address families at the top level) → one BgpSession per VRF × address family × peer.
 * Schemas are loose on purpose: FRR adds keys between versions and omits most of them for peers that never
 * came up, so only `state` is required; wrong types are still refused.
 */
import * as z from 'zod';
import { BGP_STATES, type BgpSession, type BgpState, type PeerIdType } from '../../model/bgp';
import type { EpochMs } from '../../model/time';
import { check, jsonCount, jsonObject, parseJsonOutput, unexpected } from '../output-shape';

export interface BgpSummary {
  readonly routerId?: string;
  readonly as?: number;
  readonly sessions: BgpSession[];
}

// FRR 9+ can print AS numbers in asdot notation ("65000.1"); plain numbers otherwise.
const asNumber = z.union([z.number(), z.string()], { error: 'expected an AS number' });

const peerSchema = z.object({
  state: z.string(),
  peerState: z.string().optional(),
  hostname: z.string().optional(),
  remoteAs: asNumber.optional(),
  localAs: asNumber.optional(),
  idType: z.string().optional(),
  peerGroup: z.string().optional(),
  peerUptimeMsec: jsonCount.optional(),
  peerUptimeEstablishedEpoch: jsonCount.optional(),
  pfxRcd: jsonCount.optional(),
  pfxSnt: jsonCount.optional(),
  connectionsDropped: jsonCount.optional(),
});
type Peer = z.output<typeof peerSchema>;

const familySchema = z.object({
  routerId: z.string().optional(),
  as: asNumber.optional(),
  vrfName: z.string().optional(),
  peers: jsonObject.optional(),
});

/**
 * FRR names address families ipv4Unicast, ipv6Unicast, l2VpnEvpn, ipv4Vpn, ipv4LabeledUnicast, ipv4Flowspec, …
 * A key of another name where a family belongs means the output is not the summary (wrapped, nested, another
 * command's): an error of the source, never "reachable, 0 sessions".
 */
const FAMILY_KEY = /^(ipv4|ipv6|l2Vpn)[A-Z]\w*$/;

/**
 * Parses the summary. `now` turns peerUptimeMsec into a start time measured on our clock (immune to a switch
 * whose clock is off); without it the switch's own peerUptimeEstablishedEpoch is used.
 */
export function parseBgpSummary(switchName: string, stdout: string, now?: EpochMs): BgpSummary {
  const top = check(jsonObject, parseJsonOutput(stdout));
  const vrfs: Array<[string, unknown]> = isFamilyLevel(top) ? [['', top]] : Object.entries(top);
  if (vrfs.length === 0) throw unexpected([], 'has no VRF (is BGP configured?)');
  const sessions: BgpSession[] = [];
  let id: { routerId?: string; as?: number } | undefined;
  for (const [vrfKey, vrfValue] of vrfs) {
    const vrfPath = vrfKey === '' ? [] : [vrfKey];
    const families = check(jsonObject, vrfValue, vrfPath);
    for (const [af, afValue] of Object.entries(families)) {
      if (!FAMILY_KEY.test(af)) throw unexpected([...vrfPath, af], 'is not an address family (expected ipv4Unicast, l2VpnEvpn, …)');
      const family = check(familySchema, afValue, [...vrfPath, af]);
      const vrf = vrfKey || family.vrfName || 'default';
      const as = toAs(family.as);
      // The default VRF's identity is the switch's; take the first family that has one.
      if (!id || (vrf === 'default' && id.routerId === undefined)) {
        if (family.routerId !== undefined || as !== undefined) id = { routerId: family.routerId, as };
      }
      for (const [neighbor, raw] of Object.entries(family.peers ?? {})) {
        const peer = check(peerSchema, raw, [...vrfPath, af, 'peers', neighbor]);
        sessions.push(toSession(switchName, vrf, af, neighbor, peer, now));
      }
    }
  }
  return { ...(id?.routerId !== undefined ? { routerId: id.routerId } : {}), ...(id?.as !== undefined ? { as: id.as } : {}), sessions };
}

/** `show bgp summary json` without `vrf all`: the top level already holds address families. */
function isFamilyLevel(top: Record<string, unknown>): boolean {
  const keys = Object.keys(top);
  return keys.length > 0 && keys.every((k) => FAMILY_KEY.test(k));
}

function toSession(sw: string, vrf: string, af: string, neighbor: string, p: Peer, now: EpochMs | undefined): BgpSession {
  const { state, note, admin } = mapState(p.state);
  const adminState = p.peerState ?? admin;
  const remoteAs = toAs(p.remoteAs);
  const localAs = toAs(p.localAs);
  const since = state === 'Established' ? establishedSince(p, now) : undefined;
  // A down peer's uptime is FRR's time since it left Established (0 while it never was up).
  const down = state !== 'Established' && now !== undefined && p.peerUptimeMsec ? now - p.peerUptimeMsec : undefined;
  return {
    switch: sw,
    vrf,
    addressFamily: af,
    neighbor,
    idType: idType(p.idType, neighbor),
    ...(p.hostname ? { peerHostname: p.hostname } : {}),
    // FRR prints remoteAs 0 for an unnumbered peer it has never heard from: unknown, not AS 0.
    ...(remoteAs ? { remoteAs } : {}),
    ...(localAs ? { localAs } : {}),
    ...(p.peerGroup ? { peerGroup: p.peerGroup } : {}),
    state,
    ...(adminState ? { adminState } : {}),
    ...(since !== undefined ? { establishedSince: since } : {}),
    ...(down !== undefined ? { downSince: down } : {}),
    ...(p.connectionsDropped !== undefined ? { drops: p.connectionsDropped } : {}),
    ...(p.pfxRcd !== undefined ? { prefixesReceived: p.pfxRcd } : {}),
    ...(p.pfxSnt !== undefined ? { prefixesSent: p.pfxSnt } : {}),
    // The model has no field for a state word outside the FSM; the reset reason is where an operator looks.
    ...(note ? { lastResetReason: note } : {}),
  };
}

/**
 * FRR prints the six FSM states, older versions "Idle (Admin)" / "Idle (PfxCt)", and transiently "Clearing" or
 * "Deleted" while a peer is torn down. Those are not sessions that carry traffic, so they count as Idle, with
 * the word FRR used kept visible.
 */
function mapState(raw: string): { state: BgpState; admin?: string; note?: string } {
  const m = /^(\w+)\s*(?:\((\w+)\))?$/.exec(raw.trim());
  const word = m?.[1] ?? '';
  if ((BGP_STATES as readonly string[]).includes(word)) {
    return { state: word as BgpState, ...(m?.[2] ? { admin: m[2] } : {}) };
  }
  return { state: 'Idle', note: `FRR reports state ${JSON.stringify(raw)}` };
}

function establishedSince(p: Peer, now: EpochMs | undefined): EpochMs | undefined {
  if (now !== undefined && p.peerUptimeMsec !== undefined) return now - p.peerUptimeMsec;
  if (p.peerUptimeEstablishedEpoch !== undefined) return p.peerUptimeEstablishedEpoch * 1000;
  return undefined;
}

function idType(raw: string | undefined, neighbor: string): PeerIdType {
  if (raw === 'ipv4' || raw === 'ipv6' || raw === 'interface') return raw;
  if (raw !== undefined) return 'unknown';
  // Older FRR omits idType: the key itself tells.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(neighbor)) return 'ipv4';
  if (neighbor.includes(':')) return 'ipv6';
  return 'interface';
}

function toAs(v: number | string | undefined): number | undefined {
  if (typeof v === 'number') return v > 0 ? v : undefined;
  if (v === undefined) return undefined;
  const dot = /^(\d+)\.(\d+)$/.exec(v);
  if (dot) return Number(dot[1]) * 65536 + Number(dot[2]);
  return /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}
