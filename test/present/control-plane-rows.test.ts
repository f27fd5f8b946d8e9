import { describe, expect, it } from 'vitest';
import { controlPlaneDetail } from '../../src/present/control-plane-detail';
import { controlPlaneRows, planeOfSubject } from '../../src/present/control-plane-rows';
import { jumpTarget } from '../../src/present/jump';
import { healthySnapshot, judged, withControlPlane } from '../fixtures/snapshot-builder';

const COLS = ['CONTROL PLANE', 'LAYER', 'RUNS ON', 'STATE', 'DBS', 'BACKUP', 'FINDINGS'];
const cellsOf = (rows: ReturnType<typeof controlPlaneRows>, id: string) => {
  const row = rows.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return Object.fromEntries(COLS.map((c, i) => [c, row.cells[i]]));
};

describe('control-planes pane rows', () => {
  it('lists MEP-18 chain in order with where each plane runs, its databases and backups', () => {
    const s = withControlPlane(healthySnapshot(), 'initial-metal-stack', { name: 'initial metal-stack' });
    const rows = controlPlaneRows(s, s.findings);
    expect(rows.columns.map((c) => c.title)).toEqual(COLS);
    expect(rows.rows.map((r) => r.id)).toEqual(['k3s', 'initial-metal-stack', 'initial-gardener', 'nested-metal-stack', 'nested-gardener']);
    expect(cellsOf(rows, 'k3s')).toMatchObject({ 'RUNS ON': 'node bootstrap', STATE: 'up', DBS: '1', FINDINGS: '0' });
    // metal-db and masterdata-db of the fixture belong to the initial metal-stack by their owner.
    expect(cellsOf(rows, 'initial-metal-stack')).toMatchObject({ 'RUNS ON': 'k3s', STATE: 'up', DBS: '2' });
    expect(cellsOf(rows, 'nested-metal-stack')).toMatchObject({ 'RUNS ON': 'shoot p1/c1', LAYER: 'nested', DBS: '-', BACKUP: '-' });
  });

  it('a database workload without a ready replica (read from the cluster): DB DOWN, counted, critical, and its finding jumps here', () => {
    const s = withControlPlane(healthySnapshot(), 'initial-metal-stack', {
      name: 'initial metal-stack',
      workloads: [
        { kind: 'StatefulSet', namespace: 'metal-control-plane', name: 'metal-db', desired: 1, ready: 0, database: true },
        { kind: 'StatefulSet', namespace: 'metal-control-plane', name: 'masterdata-db', desired: 1, ready: 1, database: true },
      ],
    });
    const rows = controlPlaneRows(s, s.findings);
    expect(cellsOf(rows, 'initial-metal-stack')).toMatchObject({ STATE: 'DB DOWN', DBS: '1/2', FINDINGS: '1' });
    expect(rows.rows.find((r) => r.id === 'initial-metal-stack')?.tone).toBe('critical');
    const f = s.findings.find((x) => x.rule === 'database-not-ready');
    expect(f && jumpTarget(f.subject, s)).toEqual({ pane: 'control-planes', id: 'initial-metal-stack' });
    const detail = controlPlaneDetail(s, 'initial-metal-stack', s.findings).map((l) => l.text);
    expect(detail).toContain('StatefulSet metal-control-plane/metal-db: 0/1 ready');
    expect(detail.some((t) => t.startsWith('-> the database is down'))).toBe(true);
  });

  it("a k3s node that is NotReady is the k3s plane's finding; an unreachable nested plane is DOWN and its finding jumps to it", () => {
    let s = withControlPlane(healthySnapshot(), 'k3s', { nodes: [{ name: 'bootstrap', ready: 'False', pressures: [] }] });
    s = withControlPlane(s, 'nested-gardener', { reachable: false, message: 'hosting shoot p1/c2 has no ready worker' });
    const node = s.findings.find((x) => x.rule === 'cluster-node-not-ready');
    expect(node && planeOfSubject(node.subject, s.controlPlanes)?.id).toBe('k3s');
    const rows = controlPlaneRows(s, s.findings);
    expect(cellsOf(rows, 'k3s')).toMatchObject({ STATE: 'up', FINDINGS: '1' });
    expect(cellsOf(rows, 'nested-gardener')).toMatchObject({ STATE: 'DOWN', 'RUNS ON': 'shoot p1/c2', FINDINGS: '1' });
    const down = s.findings.find((x) => x.rule === 'control-plane-unreachable');
    expect(down && jumpTarget(down.subject, s)).toEqual({ pane: 'control-planes', id: 'nested-gardener' });
    expect(controlPlaneDetail(s, 'nested-gardener', s.findings).map((l) => l.text)).toContain('state       DOWN: hosting shoot p1/c2 has no ready worker');
  });

  it('reads the kube source\'s shapes: a nested cluster entry runs on its shoot and owns its etcd finding; no topology names the bootstrap node', () => {
    const base = healthySnapshot();
    const s = judged({
      ...base,
      topology: { nodes: [], links: [] },
      controlPlanes: [
        ...base.controlPlanes.filter((p) => p.id === 'k3s'),
        { id: 'nested-p1/c1', name: 'p1/c1', kind: 'k3s', layer: 'nested', hostedOn: 'p1/c1', reachable: true },
        { id: 'nested-p1/c1-metal-stack', name: 'nested p1/c1 metal-stack', kind: 'metal-stack', layer: 'nested', hostedOn: 'p1/c1', reachable: true, workloads: [] },
      ],
      etcds: [{ cluster: 'p1/c1', namespace: 'garden', name: 'virtual-garden-etcd-main', conditions: [{ type: 'Ready', status: 'False', reason: 'QuorumLost' }] }],
    });
    const rows = controlPlaneRows(s, s.findings);
    expect(cellsOf(rows, 'k3s')['RUNS ON']).toBe('bootstrap node');
    expect(cellsOf(rows, 'nested-p1/c1')).toMatchObject({ 'RUNS ON': 'shoot p1/c1', FINDINGS: '1' });
    expect(cellsOf(rows, 'nested-p1/c1-metal-stack')).toMatchObject({ 'RUNS ON': 'shoot p1/c1', FINDINGS: '0' });
    const etcd = s.findings.find((f) => f.rule === 'etcd-not-ready');
    expect(etcd && jumpTarget(etcd.subject, s)).toEqual({ pane: 'control-planes', id: 'nested-p1/c1' });
  });
});
