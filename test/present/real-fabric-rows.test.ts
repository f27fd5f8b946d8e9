import { describe, expect, it } from 'vitest';
import { summariseAreas } from '../../src/present/area-summary';
import { statusJson } from '../../src/present/status-json';
import { renderStatusReport, unwatchedAreas } from '../../src/present/status-report';
import { bgpRows } from '../../src/present/bgp-rows';
import { bgpDetail } from '../../src/present/node-detail';
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

  it('status says which areas no source watches under its verdict, and --json lists them (report finding 30)', () => {
    const s = realOnly([{ name: 'bgp (ssh)', kind: 'ssh', state: 'ok', interval: 2000, lastSuccess: healthySnapshot().takenAt }]);
    const areas = summariseAreas(s, []);
    const text = renderStatusReport({ snapshot: s, areas, findings: [], notices: [], verdict: 'healthy' }).split('\n');
    const at = text.findIndex((l) => l.startsWith('healthy: 0 critical'));
    expect(text[at + 1]).toBe('not watched (no source reports them): machines, shoots, control-planes, backups');
    expect(statusJson({ snapshot: s, areas, findings: [], notices: [], verdict: 'healthy', exitCode: 0 }).unwatched).toEqual([
      'machines',
      'shoots',
      'control-planes',
      'backups',
    ]);
  });

  it('a source still waiting for its first answer is not called unwatched', () => {
    const s = realOnly([{ name: 'bgp (ssh)', kind: 'ssh', state: 'pending', interval: 2000 }]);
    expect(unwatchedAreas(summariseAreas(s, []))).toEqual([]);
  });

  it('an SSH source that cannot read every switch is "1/2 read" and a warning, not "ok"', () => {
    const now = healthySnapshot().takenAt;
    const base = healthySnapshot();
    const s: RackSnapshot = {
      ...base,
      bgp: { ...base.bgp, switches: base.bgp.switches.slice(0, 2).map((sw, i) => (i === 1 ? { ...sw, reachable: false, error: 'ssh: connection refused' } : sw)) },
      sources: [{ name: 'bgp (ssh)', kind: 'ssh', state: 'ok', interval: 2000, lastSuccess: now }],
    };
    const sources = summariseAreas(s, []).find((a) => a.area === 'sources');
    expect(sources?.text).toBe('bgp (ssh) 1/2 read 0s');
    expect(sources?.status).toBe('warning');
  });
});

describe('BGP rows of a switch that cannot be read', () => {
  const now = Date.UTC(2026, 10, 26, 3, 0, 0);
  const established = (sw: string, neighbor: string) =>
    ({ switch: sw, vrf: 'default', addressFamily: 'ipv4Unicast', neighbor, idType: 'interface', state: 'Established', establishedSince: now - 60_000 }) as const;
  const switches = [
    { name: 'spine', reachable: true, lastSeen: now, sessions: [established('spine', 'swp1')] },
    { name: 'leaf02', reachable: false, error: 'bgpd is not running (vtysh exit 1)', lastSeen: now - 5_000, sessions: [established('leaf02', 'swp1')] },
  ];

  it('shows its last sessions as unknown and muted, not as Established', () => {
    const rows = bgpRows(switches, now).rows;
    expect(rows[0]).toMatchObject({ id: 'switch/leaf02', tone: 'critical' });
    expect(rows[0]?.cells).toContain('seen 5s ago');
    const stale = rows.find((r) => r.id === 'leaf02/default/ipv4Unicast/swp1');
    expect(stale).toMatchObject({ tone: 'muted' });
    expect(stale?.cells.slice(6, 8)).toEqual(['unknown', '-']);
    expect(rows.find((r) => r.id === 'spine/default/ipv4Unicast/swp1')?.cells[6]).toBe('Established');
  });

  it('says in the session detail that the values are the last read ones', () => {
    const text = bgpDetail(switches, 'leaf02/default/ipv4Unicast/swp1', now).map((l) => l.text);
    expect(text[1]).toBe('leaf02 cannot be read now (bgpd is not running (vtysh exit 1)); these are its values as last read 5s ago');
  });
});
