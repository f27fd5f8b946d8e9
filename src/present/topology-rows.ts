import type { Link, NodeRole, TopoNode, Topology } from '../model/topology';
import { type Column, compareText, DeferredRow, type Row, type RowSet, type Tone } from './rows';

export const TOPOLOGY_COLUMNS: readonly Column[] = [
  { title: 'NODE', width: 'flex', keep: true },
  { title: 'ROLE', width: 10 },
  { title: 'STATE', width: 8, min: 8 },
  { title: 'LINK', width: 22 },
  { title: 'ADDRESS', width: 16 },
];

/** Tree order; a Record so that a new NodeRole cannot be forgotten here (the compiler insists). */
const ROLE_RANK: Record<NodeRole, number> = { router: 0, spine: 1, leaf: 2, exit: 3, bootstrap: 4, firewall: 5, machine: 6, neighbor: 7 };

/**
 * The topology as a tree from the router down (router → spine → leaves → machines), following data-plane links
 * first. A node reached again by another link (a dual-homed machine's second leaf) gets a reference row there,
 * "machine01 ↑" (listed above), with that link's state; a management link to a node already listed reads
 * "leaf01 ↑ mgmt", and a node reached only by one (the bootstrap node) hangs under its other end: every declared
 * link is on screen, a dead second uplink or management port too. Nodes no link reaches are appended at the end.
 */
export function topologyRows(topology: Topology, ascii = false): RowSet {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const children = new Map<string, Array<{ node: TopoNode; link: Link }>>();
  const rank = (n: TopoNode) => ROLE_RANK[n.role];
  for (const link of topology.links) {
    const a = nodes.get(link.a.node);
    const b = nodes.get(link.b.node);
    if (!a || !b) continue;
    const [parent, child] = rank(a) <= rank(b) ? [a, b] : [b, a];
    const list = children.get(parent.id) ?? [];
    list.push({ node: child, link });
    children.set(parent.id, list);
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const glyph = ascii ? { tee: '|-', end: '`-', bar: '| ', gap: '  ' } : { tee: '├─', end: '└─', bar: '│ ', gap: '  ' };
  const visit = (node: TopoNode, prefix: string, branch: string, link?: Link) => {
    seen.add(node.id);
    rows.push(nodeRow(node, `${prefix}${branch}${node.name}`, link));
    // Data-plane links first: a node hangs under its data-plane parent; its management link is a reference after.
    const kids = [...(children.get(node.id) ?? [])].sort(
      (x, y) => mgmt(x.link) - mgmt(y.link) || rank(x.node) - rank(y.node) || compareText(x.node.name, y.node.name),
    );
    const childPrefix = prefix + (branch === '' ? '' : branch === glyph.tee ? glyph.bar : glyph.gap);
    kids.forEach((k, i) => {
      const mark = i === kids.length - 1 ? glyph.end : glyph.tee;
      if (!seen.has(k.node.id)) visit(k.node, childPrefix, mark, k.link);
      // Short, so the LINK column (the second uplink's state is the point) keeps its room.
      else rows.push(referenceRow(k.node, `${childPrefix}${mark}${k.node.name} ${ascii ? '^' : '↑'}${mgmt(k.link) ? ' mgmt' : ''}`, k.link, `${node.id}${mgmt(k.link) ? '~mgmt' : ''}`));
    });
  };
  const roots = [...nodes.values()].filter((n) => n.role === 'router').sort((a, b) => compareText(a.name, b.name));
  for (const root of roots) visit(root, '', '');
  const rest = [...nodes.values()].filter((n) => !seen.has(n.id)).sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
  // A node visited under an earlier one of these is already listed; each node appears once.
  for (const n of rest) if (!seen.has(n.id)) visit(n, '', '');
  return { columns: TOPOLOGY_COLUMNS, rows };
}

const mgmt = (link: Link): number => (link.kind === 'management' ? 1 : 0);

/** What a topology row is made of: the node, its label in the tree, and the link it was reached by. */
interface TreeEntry {
  readonly node: TopoNode;
  readonly label: string;
  readonly link?: Link;
}

/** A tree row's cells; a reference row shows the link it stands for, not the node's address (its own row has that). */
function treeCells({ node, label, link }: TreeEntry, address: string): readonly string[] {
  return [label, node.role, node.reachability === 'down' ? 'DOWN' : node.reachability, link ? `${link.a.port}<->${link.b.port} ${link.state}` : '', address];
}
const nodeCells = (entry: TreeEntry) => treeCells(entry, entry.node.addresses[0] ?? '');
const referenceCells = (entry: TreeEntry) => treeCells(entry, '');

function nodeRow(node: TopoNode, label: string, link?: Link): Row {
  const tone: Tone | undefined =
    node.reachability === 'down' ? 'critical' : link?.state === 'down' ? 'warning' : node.reachability === 'unknown' ? 'muted' : undefined;
  return new DeferredRow(node.id, tone, { node, label, link }, nodeCells);
}

/** A node met again over another link: its own row is elsewhere; this one shows the link. Id: node~parent. */
function referenceRow(node: TopoNode, label: string, link: Link, parentId: string): Row {
  const tone: Tone | undefined = node.reachability === 'down' ? 'critical' : link.state === 'down' ? 'warning' : 'muted';
  return new DeferredRow(`${node.id}${REFERENCE}${parentId}`, tone, { node, label, link }, referenceCells);
}

/** Separates a reference row's node id from the node it hangs under. */
export const REFERENCE = '~';

/** Every link of one node, for the topology detail. */
export function linksOf(topology: Topology, nodeId: string): readonly Link[] {
  return topology.links.filter((l) => l.a.node === nodeId || l.b.node === nodeId);
}
