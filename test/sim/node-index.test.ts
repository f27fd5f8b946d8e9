// The simulated rack's packed per-node indexes (links and peerings at a node).
import { describe, expect, it } from 'vitest';
import { indexByNode, nodeRows } from '../../src/sim/node-index';

describe('indexByNode', () => {
  const links = [
    ['spine', 'leaf01'],
    ['spine', 'leaf02'],
    ['leaf01', 'm1'],
    ['leaf01', 'leaf01'],
  ] as const;
  const rows = nodeRows((at) => ['spine', 'leaf01', 'leaf02', 'm1', 'm2', 'spine'].forEach(at));
  const index = indexByNode(rows, links.length, (i, at) => links[i]?.forEach(at));

  it('lists the items at each node in the order they were added, an item at both ends twice', () => {
    expect([...index.get('spine')]).toEqual([0, 1]);
    expect([...index.get('leaf01')]).toEqual([0, 2, 3, 3]);
    expect([...index.get('leaf02')]).toEqual([1]);
    expect([...index.get('m1')]).toEqual([2]);
  });

  it('has nothing for a node without items or not in the rows', () => {
    expect([...index.get('m2')]).toEqual([]);
    expect([...index.get('nowhere')]).toEqual([]);
  });

  it('shares the rows between indexes', () => {
    const other = indexByNode(rows, 2, (i, at) => (i === 0 ? ['m2'] : ['m2', 'spine']).forEach(at));
    expect([...other.get('m2')]).toEqual([0, 1]);
    expect([...other.get('spine')]).toEqual([1]);
    expect([...index.get('m2')]).toEqual([]);
  });
});
