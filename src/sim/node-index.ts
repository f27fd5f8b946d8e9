/**
 * Item indexes (links, peerings) per node id, packed: one offset and one item per entry in typed arrays, and one
 * map from node id to its row shared by every index of a layout. A Map of arrays per index, as before, held 11,000
 * small arrays twice at 10,000 machines (5.8 MB of the simulated rack's 26, README "Memory"); this holds under 1 MB.
 */
export interface NodeIndex {
  /** The items at this node, in the order they were added; empty for a node with none. */
  get(nodeId: string): Uint32Array;
}

const NONE = new Uint32Array(0);

/** Rows per node id, shared by the indexes built over them (`indexByNode`). */
export type NodeRows = ReadonlyMap<string, number>;

export function nodeRows(nodeIds: Iterable<string>): NodeRows {
  const rows = new Map<string, number>();
  for (const id of nodeIds) if (!rows.has(id)) rows.set(id, rows.size);
  return rows;
}

/** An index of `count` items, each at the nodes `nodesOf` names (a node named twice for one item lists it twice). */
export function indexByNode(rows: NodeRows, count: number, nodesOf: (item: number) => readonly string[]): NodeIndex {
  // Counted first, then filled: offsets[r] .. offsets[r + 1] are row r's items.
  const offsets = new Uint32Array(rows.size + 1);
  for (let i = 0; i < count; i++) {
    for (const n of nodesOf(i)) {
      const r = rows.get(n);
      if (r !== undefined) offsets[r + 1] = (offsets[r + 1] ?? 0) + 1;
    }
  }
  for (let r = 0; r < rows.size; r++) offsets[r + 1] = (offsets[r + 1] ?? 0) + (offsets[r] ?? 0);
  const items = new Uint32Array(offsets[rows.size] ?? 0);
  const next = offsets.slice(0, rows.size);
  for (let i = 0; i < count; i++) {
    for (const n of nodesOf(i)) {
      const r = rows.get(n);
      if (r === undefined) continue;
      const at = next[r] ?? 0;
      items[at] = i;
      next[r] = at + 1;
    }
  }
  return {
    get(nodeId) {
      const r = rows.get(nodeId);
      return r === undefined ? NONE : items.subarray(offsets[r] ?? 0, offsets[r + 1] ?? 0);
    },
  };
}
