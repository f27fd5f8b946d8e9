import type { Machine } from '../model/machine';
import type { RackObservation } from '../model/snapshot';
import { INFRASTRUCTURE_ROLES } from './topology-rules';

/** Names of machine objects already asked: machines are immutable, and unchanged ones are the same objects in the next snapshot. */
const namesOf = new WeakMap<Machine, readonly string[]>();

/**
 * The names a BGP peer may go by in FRR (hostname capability): machine name, allocation hostname or name, each
 * once. Remembered per machine object: the rules and the diagnosis ask for each of 10,000 machines every publish.
 */
export function machineNames(m: Machine): readonly string[] {
  let names = namesOf.get(m);
  if (names === undefined) {
    names = [...new Set([m.name, m.allocation?.hostname, m.allocation?.name].filter((n): n is string => Boolean(n)))];
    namesOf.set(m, names);
  }
  return names;
}

/**
 * Peers whose loss another finding already reports: infrastructure nodes that are down (node-down), and
 * machines that are Dead or no longer phoning home (machine rules). Their sessions going down is a
 * consequence; listing each session per address family would bury the cause.
 */
export function explainedPeers(snapshot: RackObservation): ReadonlySet<string> {
  const names = new Set<string>();
  // forEach, not for-of: run once per publish over every node and machine, unoptimised for-of makes an iterator result per item.
  snapshot.topology.nodes.forEach((n) => {
    if (n.reachability === 'down' && INFRASTRUCTURE_ROLES.has(n.role)) names.add(n.id).add(n.name);
  });
  snapshot.machines.forEach((m) => {
    if (m.liveliness !== 'Alive') for (const name of machineNames(m)) names.add(name);
  });
  return names;
}

/**
 * Counts non-Established sessions towards each machine, read from switches that answered. Built once per
 * evaluation: a per-machine scan of every session is quadratic and took tens of seconds at 10,000 machines.
 */
export function downSessionCounter(snapshot: RackObservation): (m: Machine) => number {
  const byPeer = new Map<string, number>();
  for (const sw of snapshot.bgp.switches) {
    if (!sw.reachable) continue;
    for (const s of sw.sessions) {
      if (s.state === 'Established' || s.peerHostname === undefined) continue;
      byPeer.set(s.peerHostname, (byPeer.get(s.peerHostname) ?? 0) + 1);
    }
  }
  return (m) => {
    let n = 0;
    const names = machineNames(m);
    for (let i = 0; i < names.length; i++) n += byPeer.get(names[i] as string) ?? 0;
    return n;
  };
}
