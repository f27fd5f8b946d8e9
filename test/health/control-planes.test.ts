import { describe, expect, it } from 'vitest';
import { findings, theFinding } from './helpers';
import { healthySnapshot, T0, withControlPlane } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();

describe('control planes', () => {
  it('reports the initial layer being down as critical and says production keeps running', () => {
    const s = withControlPlane(s0, 'k3s', { reachable: false, message: 'dial tcp 192.168.1.20:6443: connection refused', lastSeen: T0 - 120_000 });
    const f = theFinding(findings(s), 'control-plane-unreachable', 'k3s');
    expect(f).toMatchObject({ severity: 'critical', area: 'control-planes', subject: { kind: 'control-plane', label: 'k3s' } });
    expect(f.summary).toContain('connection refused');
    expect(f.summary).toContain('2m ago');
    expect(f.hint).toContain('keep running');
    expect(f.hint).toContain('restore k3s');
  });

  it('sends the operator to the hosting shoot when a nested control plane is down', () => {
    const f = theFinding(findings(withControlPlane(s0, 'nested-metal-stack', { reachable: false })), 'control-plane-unreachable', 'nested-metal-stack');
    expect(f.hint).toContain('p1/c1');
  });

  it('points at the host first when what runs on k3s is down together with k3s', () => {
    let s = withControlPlane(s0, 'k3s', { reachable: false });
    s = withControlPlane(s, 'initial-metal-stack', { reachable: false });
    const all = findings(s);
    expect(theFinding(all, 'control-plane-unreachable', 'initial-metal-stack').hint).toContain('its host k3s is down too');
    expect(theFinding(all, 'control-plane-unreachable', 'k3s').hint).toContain('restore k3s');
  });
});
