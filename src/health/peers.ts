import type { BgpSession, BgpSwitch } from '../model/bgp';
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

/** Sessions towards one peer: Established, and in any other state. */
export interface PeerSessions {
  readonly up: number;
  readonly down: number;
}

/**
 * Established and other sessions per peer hostname, read from switches that answered. One count per switch list
 * (the machine rules and the diagnosis of a snapshot share it), and kept for a new list whose switches carry the
 * same session lists: a switch whose lastSeen moved is a new object around the same sessions, and the simulated
 * rack moves it in steps for every switch. Built anew each time, this map of every peer of 30,000 sessions at
 * 10,000 machines was the second-largest garbage a machine reboot left for the full collection (README "Memory").
 */
export function sessionsByPeer(switches: readonly BgpSwitch[]): ReadonlyMap<string, PeerSessions> {
  const known = countsOf.get(switches);
  if (known) return known;
  const read = switches.map((sw) => (sw.reachable ? sw.sessions : undefined));
  const counts = lastCounts && sameLists(lastCounts.read, read) ? lastCounts.counts : countSessions(read);
  lastCounts = { read, counts };
  countsOf.set(switches, counts);
  return counts;
}

const countsOf = new WeakMap<readonly BgpSwitch[], ReadonlyMap<string, PeerSessions>>();
/** The session lists last counted (undefined for a switch that did not answer) and their counts. */
let lastCounts: { readonly read: readonly (readonly BgpSession[] | undefined)[]; readonly counts: ReadonlyMap<string, PeerSessions> } | undefined;

function sameLists<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function countSessions(read: readonly (readonly BgpSession[] | undefined)[]): ReadonlyMap<string, PeerSessions> {
  const counts = new Map<string, { up: number; down: number }>();
  for (const sessions of read) {
    if (!sessions) continue;
    for (const s of sessions) {
      if (s.peerHostname === undefined) continue;
      let c = counts.get(s.peerHostname);
      if (c === undefined) {
        c = { up: 0, down: 0 };
        counts.set(s.peerHostname, c);
      }
      if (s.state === 'Established') c.up++;
      else c.down++;
    }
  }
  return counts;
}

/**
 * Sessions towards a machine by any of its names (machineNames). One object, filled anew on each call: the caller
 * reads it before asking for the next machine (10,000 machines each publish).
 */
export function machineSessionCounter(switches: readonly BgpSwitch[]): (m: Machine) => PeerSessions {
  const byPeer = sessionsByPeer(switches);
  const total = { up: 0, down: 0 };
  return (m) => {
    total.up = 0;
    total.down = 0;
    const names = machineNames(m);
    for (let i = 0; i < names.length; i++) {
      const c = byPeer.get(names[i] as string);
      if (c === undefined) continue;
      total.up += c.up;
      total.down += c.down;
    }
    return total;
  };
}
