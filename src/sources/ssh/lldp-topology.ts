/** The topology from the configured switches, the config's links and what each switch's LLDP shows. */
import type { LinkConfig, SwitchConfig } from '../../config/switches';
import type { Link, LinkState, NodeRole, TopoNode, Topology } from '../../model/topology';
import { discoverLinks, type LinkSpec, observe, type SwitchLldp } from './lldp-links';
import { linkId, NodeResolver, showsPort } from './lldp-match';

/**
 * What LLDP once showed, kept for the source's lifetime: a link that disappears from LLDP (a pulled machine
 * cable) must show as down rather than vanish without a trace.
 */
export interface TopologyMemory {
  readonly links: Map<string, LinkSpec>;
  readonly nodes: Map<string, { readonly addresses: readonly string[]; readonly description?: string }>;
}

export const newTopologyMemory = (): TopologyMemory => ({ links: new Map(), nodes: new Map() });

export function buildTopology(switches: readonly SwitchConfig[], declared: readonly LinkConfig[], lldp: readonly SwitchLldp[], memory: TopologyMemory): Topology {
  const switchNames = switches.map((s) => s.name);
  const isSwitch = new Set(switchNames);
  const declaredLinks = uniqueLinks(declared);
  const resolver = new NodeResolver(new Set([...switchNames, ...declaredLinks.flatMap((l) => [l.a.node, l.b.node])]));
  const obs = observe(lldp, resolver);
  for (const o of obs) {
    if (isSwitch.has(o.to)) continue;
    memory.nodes.set(o.to, { addresses: o.nb.mgmtIp ?? [], ...(o.nb.chassisDescr ? { description: o.nb.chassisDescr } : {}) });
  }
  const declaredIds = new Set(declaredLinks.map((l) => linkId(l.a, l.b)));
  const found = discoverLinks(obs, declaredLinks, switchNames).filter((l) => !declaredIds.has(linkId(l.a, l.b)));
  remember(memory.links, found, new Set(obs.map((o) => `${o.from}:${o.port}`)));
  const byName = new Map(lldp.map((s) => [s.name, s]));
  const discovered = [...memory.links.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([, l]) => l);
  const links: Link[] = [...declaredLinks, ...discovered].map((l) => ({
    id: linkId(l.a, l.b),
    a: l.a,
    b: l.b,
    kind: l.kind,
    state: linkState(l, byName, resolver),
  }));
  const seenNow = new Set(obs.filter((o) => byName.get(o.from)?.readable).map((o) => o.to));
  const switchNodes: TopoNode[] = switches.map((sw) => ({
    id: sw.name,
    name: sw.name,
    role: sw.role,
    addresses: [sw.target.host],
    // A failed read says nothing about the switch itself (SSH or lldpd may be what is broken).
    reachability: byName.get(sw.name)?.readable ? 'up' : 'unknown',
    neighbourRead: byName.get(sw.name)?.read ?? { error: 'no answer yet' },
  }));
  const others = [...new Set(links.flatMap((l) => [l.a.node, l.b.node]))].filter((id) => !isSwitch.has(id)).sort();
  const otherNodes: TopoNode[] = others.map((id) => {
    const info = memory.nodes.get(id);
    return {
      id,
      name: id,
      role: roleOf(id, declaredLinks),
      addresses: info?.addresses ?? [],
      ...(info?.description ? { description: info.description } : {}),
      reachability: seenNow.has(id) ? 'up' : 'unknown',
    };
  });
  return { nodes: [...switchNodes, ...otherNodes], links };
}

/**
 * up: a switch whose LLDP is current shows the far end on that port; down: an end that could be read does
 * not; unknown: no end could be read (a switch whose read failed, or a node that runs no LLDP we can query).
 */
function linkState(l: LinkSpec, lldp: ReadonlyMap<string, SwitchLldp>, resolver: NodeResolver): LinkState {
  let readable = false;
  for (const [near, far] of [
    [l.a, l.b],
    [l.b, l.a],
  ] as const) {
    const s = lldp.get(near.node);
    if (!s?.readable) continue;
    readable = true;
    if (s.neighbours.some((nb) => nb.localPort === near.port && resolver.idOf(nb) === far.node && showsPort(nb, far.port))) return 'up';
  }
  return readable ? 'down' : 'unknown';
}

/** The config may list a cable twice, once from each end. */
function uniqueLinks(declared: readonly LinkConfig[]): LinkSpec[] {
  const seen = new Set<string>();
  return declared.filter((l) => {
    const id = linkId(l.a, l.b);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A switch port holds one cable: a remembered link on a port where LLDP now shows something else (another
 * neighbour, or the declared link) is forgotten. One on a port where LLDP shows nothing stays, to show down.
 */
function remember(links: Map<string, LinkSpec>, found: readonly LinkSpec[], heard: ReadonlySet<string>): void {
  const current = new Set(found.map((l) => linkId(l.a, l.b)));
  for (const [id, old] of links) {
    if (!current.has(id) && [old.a, old.b].some((e) => heard.has(`${e.node}:${e.port}`))) links.delete(id);
  }
  for (const l of found) links.set(linkId(l.a, l.b), l);
}

/** The config's link kind says what sits at the far end of an uplink or machine cable; LLDP alone does not. */
function roleOf(id: string, declared: readonly LinkSpec[]): NodeRole {
  const kinds = new Set(declared.filter((l) => l.a.node === id || l.b.node === id).map((l) => l.kind));
  if (kinds.has('uplink')) return 'router';
  if (kinds.has('machine')) return 'machine';
  return 'neighbor';
}
