import type { BgpSession } from '../model/bgp';
import type { Machine } from '../model/machine';
import type { RackSnapshot } from '../model/snapshot';
import { INFRASTRUCTURE_ROLES } from './topology-rules';

/** The names a BGP peer may go by in FRR (hostname capability): machine name, allocation hostname or name. */
function machineNames(m: Machine): string[] {
  return [m.name, m.allocation?.hostname, m.allocation?.name].filter((n): n is string => Boolean(n));
}

/**
 * Peers whose loss another finding already reports: infrastructure nodes that are down (node-down), and
 * machines that are Dead or no longer phoning home (machine rules). Their sessions going down is a
 * consequence; listing each session per address family would bury the cause.
 */
export function explainedPeers(snapshot: RackSnapshot): ReadonlySet<string> {
  const names = new Set<string>();
  for (const n of snapshot.topology.nodes) {
    if (n.reachability === 'down' && INFRASTRUCTURE_ROLES.has(n.role)) names.add(n.id).add(n.name);
  }
  for (const m of snapshot.machines) {
    if (m.liveliness !== 'Alive') for (const name of machineNames(m)) names.add(name);
  }
  return names;
}

/** Non-Established sessions towards a machine, read from switches that answered. */
export function downSessionsOf(snapshot: RackSnapshot, m: Machine): BgpSession[] {
  const names = new Set(machineNames(m));
  return snapshot.bgp.switches
    .filter((sw) => sw.reachable)
    .flatMap((sw) => sw.sessions)
    .filter((s) => s.state !== 'Established' && s.peerHostname !== undefined && names.has(s.peerHostname));
}
