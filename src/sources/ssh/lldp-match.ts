/** How an LLDP neighbour entry is tied to a topology node and port. */
import type { LinkEnd } from '../../model/topology';
import type { LldpNeighbour } from './parse-lldp';

/** Stable and direction-free: spine:swp1--leaf01:swp1 whichever end LLDP or the config named first. */
export function linkId(a: LinkEnd, b: LinkEnd): string {
  const [x, y] = [`${a.node}:${a.port}`, `${b.node}:${b.port}`].sort();
  return `${x}--${y}`;
}

/**
 * Maps a neighbour's chassis to a node id: a configured switch or a node named in the config's links when the
 * system name is that name (or that name plus a domain, as lldpd sends an FQDN when the host has one),
 * otherwise the system name itself, or the chassis id for a neighbour that sent no name.
 */
export class NodeResolver {
  constructor(private readonly known: ReadonlySet<string>) {}

  idOf(nb: LldpNeighbour): string | undefined {
    const name = nb.chassisName;
    if (name === undefined) return nb.chassisId;
    if (this.known.has(name)) return name;
    const short = name.split('.')[0] ?? name;
    return this.known.has(short) ? short : name;
  }
}

/** The names the neighbour may give its own port: an ifname or locally assigned id (SONiC: the alias), the description. */
export function remotePortNames(nb: LldpNeighbour): string[] {
  const names: string[] = [];
  if (nb.portId !== undefined && (nb.portIdType === 'ifname' || nb.portIdType === 'local')) names.push(nb.portId);
  if (nb.portDescr !== undefined && !names.includes(nb.portDescr)) names.push(nb.portDescr);
  return names;
}

/** One port name for a link LLDP discovered: the best of the names above, else the raw port id (often a MAC). */
export function farPort(nb: LldpNeighbour): string {
  return remotePortNames(nb)[0] ?? nb.portId ?? '?';
}

/**
 * Does this entry show `port` as the neighbour's end of the cable? A port id of type ifname names the far
 * interface for certain, so a different one means a different port. Any other id (a MAC, SONiC's alias) and
 * the free-text description may simply be named differently from the config; the chassis on the right local
 * port is then proof enough, because calling a working underlay link down would raise a false critical alarm.
 */
export function showsPort(nb: LldpNeighbour, port: string): boolean {
  if (nb.portId === port || nb.portDescr === port) return true;
  return nb.portIdType !== 'ifname';
}
