import type { RackObservation } from '../model/snapshot';
import type { Link, LinkKind, NodeRole, TopoNode } from '../model/topology';
import type { Finding, Severity } from './finding';
import { withKind } from '../text/names';
import { ago, finding, oneLine } from './make-finding';

/** Nodes whose loss topology reports itself; machines and firewalls are judged by the machine rules instead. */
export const INFRASTRUCTURE_ROLES: ReadonlySet<NodeRole> = new Set(['router', 'spine', 'leaf', 'exit', 'bootstrap']);

const NODE_HINTS: Record<string, string> = {
  router: 'check power and the WAN uplink of the router; everything behind it loses its way out',
  spine: 'check power and cabling of the spine; leaves lose their underlay and the router uplink',
  leaf: 'check power and the SONiC VM of the leaf; its machines are now single-homed via the partner leaf',
  exit: 'check power and cabling of the exit switch; the partition may have lost its external routes',
  bootstrap: 'check the bootstrap node: k3s and the initial control plane run there (production keeps running)',
};

/** Uplinks and the BGP underlay carry everyone's traffic; management and single machine cables degrade only. */
const LINK_SEVERITY: Record<LinkKind, Severity> = {
  underlay: 'critical',
  uplink: 'critical',
  management: 'warning',
  machine: 'warning',
};

const LINK_HINTS: Record<LinkKind, string> = {
  underlay: 'check the cable and both ports; the BGP session over it will be down too',
  uplink: 'check the cable to the router and its port; the rack may be cut off from outside',
  management: 'check the management cable; DHCP and SSH to the switch go over it',
  machine: 'check the machine cable and the leaf port; the machine runs on its other uplink only',
};

export function topologyRules(snapshot: RackObservation): Finding[] {
  const { nodes, links } = snapshot.topology;
  // Only a down link's label needs nodes by id: indexed then, not every evaluation of a healthy rack.
  let byId: ReadonlyMap<string, TopoNode> | undefined;
  const down = downNodeIds(snapshot);
  const out: Finding[] = [];
  // Indexed loops over the rack's nodes and links: this runs once per publish, rarely long enough to be optimised,
  // and an unoptimised for-of makes an iterator result per item (8 MB a minute at 10,000 machines).
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as TopoNode;
    if (node.reachability !== 'down' || !INFRASTRUCTURE_ROLES.has(node.role)) continue;
    out.push(
      finding(
        'node-down',
        'critical',
        'topology',
        { kind: 'node', id: node.id, label: node.name },
        `${withKind(node.role, node.name)} is down (not reachable)`,
        NODE_HINTS[node.role] ?? 'check power and cabling of the node',
      ),
    );
  }
  // A switch SSH cannot reach fails its BGP and LLDP reads alike: switch-unreachable says it once.
  const unreachable = new Map(snapshot.bgp.switches.filter((s) => !s.reachable).map((s) => [s.name, s.error]));
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as TopoNode;
    // Most nodes have nothing to say: no list made for them (10,000 of them per evaluation at scale).
    if (node.neighbourRead?.error === undefined && !node.neighbourRead?.vanished) continue;
    if (node.neighbourRead?.error !== undefined && unreachable.get(node.name) === node.neighbourRead.error) continue;
    out.push(...neighbourReadFindings(node, snapshot.takenAt));
  }
  for (let i = 0; i < links.length; i++) {
    const link = links[i] as Link;
    if (link.state !== 'down') continue;
    // A dead node takes all its cables with it: its own finding says enough, one per cable would flood the list.
    if (down.has(link.a.node) || down.has(link.b.node)) continue;
    byId ??= new Map(nodes.map((n) => [n.id, n]));
    const label = linkLabel(link, byId);
    out.push(
      finding(
        'link-down',
        LINK_SEVERITY[link.kind],
        'topology',
        { kind: 'link', id: link.id, label },
        `${link.kind} link ${label} is down`,
        LINK_HINTS[link.kind],
      ),
    );
  }
  return out;
}

/**
 * A switch whose LLDP cannot be read leaves its links "unknown": the topology pane cannot tell a pulled cable
 * from a working one, so say why, as the BGP rules do for a switch whose FRR cannot be read.
 */
function neighbourReadFindings(node: TopoNode, now: number): Finding[] {
  const read = node.neighbourRead;
  const subject = { kind: 'node', id: node.id, label: node.name } as const;
  if (read?.error !== undefined) {
    return [
      finding(
        'lldp-unreadable',
        'warning',
        'topology',
        subject,
        `LLDP neighbours of ${node.name} cannot be read: ${oneLine(read.error)}; last seen ${ago(now, read.lastSeen)}`,
        `check SSH to ${node.name} and that lldpd answers (lldpctl -f json); its links show as unknown meanwhile`,
      ),
    ];
  }
  if (read?.vanished) {
    return [
      finding(
        'lldp-neighbours-vanished',
        'warning',
        'topology',
        subject,
        `${node.name} now reports no LLDP neighbours; it reported ${read.vanished.count} ${ago(now, read.vanished.lastSeen)}`,
        `check lldpd on ${node.name} (restarted, or LLDP disabled on its ports?); its links show as down meanwhile`,
      ),
    ];
  }
  return [];
}

/** Nodes known to be gone: unreachable in the topology, or machines metal-api declares Dead. */
export function downNodeIds(snapshot: RackObservation): ReadonlySet<string> {
  const ids = new Set<string>();
  const { nodes } = snapshot.topology;
  for (let i = 0; i < nodes.length; i++) if (nodes[i]?.reachability === 'down') ids.add((nodes[i] as TopoNode).id);
  snapshot.machines.forEach((m) => {
    if (m.liveliness === 'Dead') ids.add(m.id);
  });
  return ids;
}

function linkLabel(link: Link, byId: ReadonlyMap<string, TopoNode>): string {
  const name = (id: string) => byId.get(id)?.name ?? id;
  return `${name(link.a.node)} -> ${name(link.b.node)} (${link.a.port} / ${link.b.port})`;
}
