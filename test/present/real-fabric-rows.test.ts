import { describe, expect, it } from 'vitest';
import { summariseAreas } from '../../src/present/area-summary';
import { topologyRows } from '../../src/present/topology-rows';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { Topology } from '../../src/model/topology';
import { healthySnapshot } from '../fixtures/snapshot-builder';

// What the LLDP source delivers for the switch lab: no router, the spine at the top.
const LAB: Topology = {
  nodes: ['spine', 'leaf01', 'leaf02'].map((id) => ({
    id,
    name: id,
    role: id === 'spine' ? 'spine' : 'leaf',
    addresses: ['127.0.0.1'],
    reachability: 'up',
  })),
  links: [
    { id: 'l1', a: { node: 'spine', port: 'swp1' }, b: { node: 'leaf01', port: 'swp1' }, state: 'up', kind: 'underlay' },
    { id: 'l2', a: { node: 'spine', port: 'swp2' }, b: { node: 'leaf02', port: 'swp1' }, state: 'down', kind: 'underlay' },
  ],
};

describe('topology rows for a fabric without a router', () => {
  it('lists every switch once, the leaves under the spine with their links', () => {
    const labels = topologyRows(LAB).rows.map((r) => r.cells[0]);
    expect(labels).toEqual(['spine', '├─leaf01', '└─leaf02']);
    expect(topologyRows(LAB).rows[2]?.cells[3]).toBe('swp2<->swp1 down');
  });
});

describe('area lines when a domain has no source', () => {
  const realOnly = (sources: RackSnapshot['sources']): RackSnapshot => ({ ...healthySnapshot(), domains: ['topology', 'bgp'], sources });

  it('says nobody reports it rather than "0 machines"', () => {
    const s = realOnly([{ name: 'bgp (ssh)', kind: 'ssh', state: 'ok', interval: 2000, lastSuccess: healthySnapshot().takenAt }]);
    const machines = summariseAreas(s, []).find((a) => a.area === 'machines');
    expect(machines).toMatchObject({ status: 'no-data', text: 'no data: no configured source reports it' });
  });

  it('says it is waiting while a source has not answered yet', () => {
    const s = realOnly([{ name: 'bgp (ssh)', kind: 'ssh', state: 'pending', interval: 2000 }]);
    expect(summariseAreas(s, []).find((a) => a.area === 'machines')?.text).toBe('no data yet: waiting for the first answer');
  });
});
