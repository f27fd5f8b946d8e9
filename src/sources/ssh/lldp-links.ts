/** Links LLDP shows beyond the ones the config declares. */
import type { LinkEnd, LinkKind, NeighbourRead } from '../../model/topology';
import { farPort, type NodeResolver, remotePortNames, showsPort } from './lldp-match';
import type { LldpNeighbour } from './parse-lldp';

export interface SwitchLldp {
  readonly name: string;
  /** The last LLDP read succeeded, so `neighbours` is current. */
  readonly readable: boolean;
  /** What the switch reported last (its last good read while reads fail). */
  readonly neighbours: readonly LldpNeighbour[];
  /** How the newest read went, for the switch's node (its error is a finding). */
  readonly read?: NeighbourRead;
}

/** One LLDP entry: switch `from` hears node `to` on its port `port`. */
export interface Observation {
  readonly from: string;
  readonly port: string;
  readonly to: string;
  readonly nb: LldpNeighbour;
}

export interface LinkSpec {
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  readonly kind: LinkKind;
}

export function observe(lldp: readonly SwitchLldp[], resolver: NodeResolver): Observation[] {
  return lldp.flatMap((s) =>
    s.neighbours.flatMap((nb) => {
      const to = resolver.idOf(nb);
      // A neighbour with no name and no id cannot be placed; a switch hearing itself is a loop, not a link.
      return to === undefined || to === s.name ? [] : [{ from: s.name, port: nb.localPort, to, nb }];
    }),
  );
}

/**
 * The observations no declared link explains, as links. Both directions of a cable between two switches become
 * one link, with each side's own (always accurate) local port name: paired by the port names each side gives
 * for the other, or, when that fails (SONiC announces port aliases), because there is exactly one unpaired
 * entry each way. Links between two configured switches are underlay, all others machine.
 */
export function discoverLinks(obs: readonly Observation[], declared: readonly LinkSpec[], switchOrder: readonly string[]): LinkSpec[] {
  // Indexed once per poll: a rack with hundreds of switches and declared cables would otherwise rescan them all
  // for every LLDP entry.
  const order = new Map(switchOrder.map((name, i) => [name, i]));
  const rank = (node: string) => order.get(node) ?? switchOrder.length;
  const link = (x: LinkEnd, y: LinkEnd, kind: LinkKind): LinkSpec => (rank(x.node) <= rank(y.node) ? { a: x, b: y, kind } : { a: y, b: x, kind });
  const declaredAt = new Map<string, LinkSpec[]>();
  for (const l of declared) {
    for (const end of [l.a, l.b]) {
      const at = `${end.node}:${end.port}`;
      declaredAt.set(at, [...(declaredAt.get(at) ?? []), l]);
    }
  }
  const open = obs.filter((o) => !(declaredAt.get(`${o.from}:${o.port}`) ?? []).some((l) => explains(l, o)));
  const partner = new Map<Observation, Observation>();
  const pair = (x: Observation, y: Observation) => partner.set(x, y).set(y, x);
  const between = (o: Observation) => open.filter((x) => x.from === o.to && x.to === o.from && !partner.has(x));
  const isSwitch = (node: string) => order.has(node);
  for (const o of open) {
    if (partner.has(o) || !isSwitch(o.to)) continue;
    const byName = between(o).find((x) => remotePortNames(o.nb).includes(x.port) || remotePortNames(x.nb).includes(o.port));
    if (byName) pair(o, byName);
  }
  for (const o of open) {
    if (partner.has(o) || !isSwitch(o.to)) continue;
    const back = between(o);
    const forth = open.filter((x) => x.from === o.from && x.to === o.to && !partner.has(x));
    if (back.length === 1 && forth.length === 1 && back[0]) pair(o, back[0]);
  }
  const out: LinkSpec[] = [];
  const done = new Set<Observation>();
  for (const o of open) {
    if (done.has(o)) continue;
    done.add(o);
    const other = partner.get(o);
    const kind: LinkKind = isSwitch(o.to) ? 'underlay' : 'machine';
    if (other) done.add(other);
    out.push(link({ node: o.from, port: o.port }, other ? { node: other.from, port: other.port } : { node: o.to, port: farPort(o.nb) }, kind));
  }
  return out;
}

/**
 * A declared link covers an entry heard on one of its ends from the node and port at its other end. An entry
 * that names another far port (a miscabled machine) becomes a link of its own, next to the declared one.
 */
function explains(l: LinkSpec, o: Observation): boolean {
  const covers = (near: LinkEnd, far: LinkEnd) => near.node === o.from && near.port === o.port && far.node === o.to && showsPort(o.nb, far.port);
  return covers(l.a, l.b) || covers(l.b, l.a);
}
