// The diagnosis' index of links: by id and by node, always answering with the links of the list it was given.
import { describe, expect, it } from 'vitest';
import { linkIndex } from '../../src/health/link-index';
import type { Link } from '../../src/model/topology';

const link = (id: string, a: string, b: string, state: Link['state'] = 'up'): Link => ({
  id,
  a: { node: a, port: 'p1' },
  b: { node: b, port: 'p2' },
  kind: 'underlay',
  state,
});

describe('linkIndex', () => {
  const up = [link('s-l1', 'spine', 'leaf01'), link('s-l2', 'spine', 'leaf02'), link('l1-m1', 'leaf01', 'm1')];

  it('finds links by id and by either end', () => {
    const index = linkIndex(up);
    expect(index.byId('s-l2')).toBe(up[1]);
    expect(index.byId('nope')).toBeUndefined();
    expect(index.atNode('leaf01').map((l) => l.id)).toEqual(['s-l1', 'l1-m1']);
    expect(index.atNode('m2')).toEqual([]);
  });

  it('lists a link with both ends at one node once', () => {
    const looped = [...up, link('loop', 'leaf01', 'leaf01')];
    expect(linkIndex(looped).atNode('leaf01').map((l) => l.id)).toEqual(['s-l1', 'l1-m1', 'loop']);
  });

  it('answers with the new list’s link objects when only a state changed', () => {
    linkIndex(up);
    const down = up.map((l) => (l.id === 'l1-m1' ? { ...l, state: 'down' as const } : l));
    const index = linkIndex(down);
    expect(index.byId('l1-m1')?.state).toBe('down');
    expect(index.atNode('m1')[0]).toBe(down[2]);
  });

  it('indexes a list with other links anew', () => {
    linkIndex(up);
    const other = [link('s-l3', 'spine', 'leaf03'), ...up];
    const index = linkIndex(other);
    expect(index.byId('s-l3')).toBe(other[0]);
    expect(index.atNode('spine').map((l) => l.id)).toEqual(['s-l3', 's-l1', 's-l2']);
  });
});
