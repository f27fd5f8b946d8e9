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

/** Rows for the nodes `each` names (each once, in the order first named). */
export function nodeRows(each: (at: (nodeId: string) => void) => void): NodeRows {
  const rows = new Map<string, number>();
  each((id) => {
    if (!rows.has(id)) rows.set(id, rows.size);
  });
  return rows;
}

/**
 * An index of `count` items, each at the nodes `nodesOf` names through `at` (a node named twice for one item lists
 * it twice). Named through a callback, not returned as a list: no array per item at 23,000 links.
 */
export function indexByNode(rows: NodeRows, count: number, nodesOf: (item: number, at: (nodeId: string) => void) => void): NodeIndex {
  // Counted first, then filled: offsets[r] .. offsets[r + 1] are row r's items.
  const offsets = new Uint32Array(rows.size + 1);
  const count1 = (n: string) => {
    const r = rows.get(n);
    if (r !== undefined) offsets[r + 1] = (offsets[r + 1] ?? 0) + 1;
  };
  for (let i = 0; i < count; i++) nodesOf(i, count1);
  for (let r = 0; r < rows.size; r++) offsets[r + 1] = (offsets[r + 1] ?? 0) + (offsets[r] ?? 0);
  const items = new Uint32Array(offsets[rows.size] ?? 0);
  const next = offsets.slice(0, rows.size);
  for (let i = 0; i < count; i++) {
    nodesOf(i, (n) => {
      const r = rows.get(n);
      if (r === undefined) return;
      const at = next[r] ?? 0;
      items[at] = i;
      next[r] = at + 1;
    });
  }
  return {
    get(nodeId) {
      const r = rows.get(nodeId);
      return r === undefined ? NONE : items.subarray(offsets[r] ?? 0, offsets[r + 1] ?? 0);
    },
  };
}
