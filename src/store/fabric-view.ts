/**
 * The BGP the panes and rules see: each switch's own FRR read over SSH where that succeeded, and metal-api's view
 * (what metal-core last reported, shared/domain/metal-api.md) where it did not — a switch without SSH access, or
 * one whose SSH read failed. SSH wins where both exist; their disagreements are findings (health/fabric-rules.ts).
 */
import type { Bgp, BgpSession, BgpSwitch } from '../model/bgp';
import type { MetalSwitch } from '../model/metal-switch';

/** The address family a metal-api session is shown under: metal-core reports one state per peer, not per family. */
export const METAL_API_AF = 'metal-api';

let last: { bgp: Bgp; switches: readonly MetalSwitch[]; view: Bgp } | undefined;

/** Same inputs, same object: an unchanged fabric keeps its identity from snapshot to snapshot. */
export function fabricView(bgp: Bgp, switches: readonly MetalSwitch[]): Bgp {
  if (!switches.some(hasBgp)) return bgp;
  if (last?.bgp !== bgp || last.switches !== switches) last = { bgp, switches, view: combine(bgp, switches) };
  return last.view;
}

function combine(bgp: Bgp, switches: readonly MetalSwitch[]): Bgp {
  const metal = new Map(switches.filter(hasBgp).map((s) => [s.name, s]));
  const out: BgpSwitch[] = bgp.switches.map((sw) => {
    const m = metal.get(sw.name);
    if (!m || sw.reachable) return sw;
    // SSH failed: keep its error (the switch cannot be read) and show what metal-core last said instead.
    return { ...sw, sessions: metalSessions(m), via: 'metal-api', ...syncedAt(m) };
  });
  const own = new Set(bgp.switches.map((s) => s.name));
  for (const m of metal.values()) {
    if (own.has(m.name)) continue;
    out.push({ name: m.name, reachable: true, sessions: metalSessions(m), via: 'metal-api', ...syncedAt(m), ...(m.lastSync ? { lastSeen: m.lastSync.time } : {}) });
  }
  return { switches: out };
}

function hasBgp(s: MetalSwitch): boolean {
  return s.ports.some((p) => p.bgp !== undefined);
}

function syncedAt(m: MetalSwitch): { syncedAt?: number } {
  return m.lastSync ? { syncedAt: m.lastSync.time } : {};
}

/** One session per port that has one; the port is the peer's key in FRR for BGP unnumbered. */
export function metalSessions(m: MetalSwitch): BgpSession[] {
  return m.ports.flatMap((p) => {
    const b = p.bgp;
    if (!b) return [];
    return [
      {
        switch: m.name,
        vrf: b.vrf,
        addressFamily: METAL_API_AF,
        neighbor: p.name,
        idType: 'interface',
        ...(b.neighbor ? { peerHostname: b.neighbor } : {}),
        ...(b.peerGroup ? { peerGroup: b.peerGroup } : {}),
        state: b.state,
        ...(b.establishedSince !== undefined ? { establishedSince: b.establishedSince } : {}),
        prefixesReceived: b.prefixesAccepted,
        prefixesSent: b.prefixesSent,
      },
    ];
  });
}
