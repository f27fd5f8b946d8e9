import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/model/time';
import { findings, rules, theFinding } from './helpers';
import { T0, healthySnapshot, withCondition, withShoot } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();

describe('shoots: conditions', () => {
  it('reports a False condition as critical with its reason', () => {
    const s = withCondition(s0, 'c1', 'APIServerAvailable', { status: 'False', reason: 'HealthzRequestFailed', message: 'connection refused' });
    const f = theFinding(findings(s), 'shoot-condition-false', 'p1/c1');
    expect(f).toMatchObject({ severity: 'critical', area: 'shoots', subject: { kind: 'shoot', label: 'p1/c1' } });
    expect(f.summary).toContain('APIServerAvailable');
    expect(f.summary).toContain('HealthzRequestFailed');
  });

  it('reports an Unknown condition as a warning', () => {
    const s = withCondition(s0, 'c2', 'ControlPlaneHealthy', { status: 'Unknown' });
    expect(theFinding(findings(s), 'shoot-condition-unknown', 'p1/c2').severity).toBe('warning');
  });

  it('stays quiet about a condition that is still Progressing', () => {
    expect(findings(withCondition(s0, 'c2', 'EveryNodeReady', { status: 'Progressing' }))).toEqual([]);
  });

  it('does not complain that a hibernated shoot has no ready nodes', () => {
    let s = withShoot(s0, 'c2', { hibernated: true });
    s = withCondition(s, 'c2', 'EveryNodeReady', { status: 'False' });
    s = withCondition(s, 'c2', 'SystemComponentsHealthy', { status: 'Unknown' });
    expect(findings(s)).toEqual([]);
  });

  it('still reports a hibernated shoot whose control plane is unhealthy', () => {
    let s = withShoot(s0, 'c2', { hibernated: true });
    s = withCondition(s, 'c2', 'ControlPlaneHealthy', { status: 'False' });
    expect(rules(findings(s))).toEqual(['shoot-condition-false']);
  });
});

describe('shoots: last operation', () => {
  const failed = (state: 'Failed' | 'Error') =>
    withShoot(s0, 'c1', {
      lastOperation: { type: 'Reconcile', state, progress: 42, description: 'Waiting until the infrastructure is ready', lastUpdateTime: T0 - 5 * MINUTE },
      lastErrors: [{ description: 'machine allocation failed: no machine available', codes: ['ERR_INFRA_RESOURCES_DEPLETED'] }],
    });

  it('reports a Failed reconcile as critical with the description and the first error code', () => {
    const f = theFinding(findings(failed('Failed')), 'shoot-operation-failed', 'p1/c1');
    expect(f.severity).toBe('critical');
    expect(f.summary).toContain('Reconcile Failed');
    expect(f.summary).toContain('Waiting until the infrastructure is ready');
    expect(f.summary).toContain('no machine available');
    expect(f.summary).toContain('ERR_INFRA_RESOURCES_DEPLETED');
    expect(f.hint).toContain('gardener.cloud/operation=retry');
  });

  it('does not repeat an error the description already quotes, but keeps its codes', () => {
    const s = withShoot(s0, 'c2', {
      lastOperation: { type: 'Reconcile', state: 'Error', progress: 83, description: 'task errors: [firewall not reachable]', lastUpdateTime: T0 },
      lastErrors: [{ description: 'firewall not reachable', codes: ['ERR_INFRA_DEPENDENCIES'] }],
    });
    const f = theFinding(findings(s), 'shoot-operation-failed', 'p1/c2');
    expect(f.summary.match(/firewall not reachable/g)).toHaveLength(1);
    expect(f.summary).toContain('[ERR_INFRA_DEPENDENCIES]');
  });

  it('reports an Error with a code that needs someone to act as critical, though Gardener still retries', () => {
    const f = theFinding(findings(failed('Error')), 'shoot-operation-failed', 'p1/c1');
    expect(f.severity).toBe('critical');
    expect(f.summary).toContain('[ERR_INFRA_RESOURCES_DEPLETED]');
    expect(f.hint).toMatch(/will not clear alone/);
  });

  it('reports an Error whose codes are all retryable, or that has none, as a warning', () => {
    const retryable = withShoot(s0, 'c1', {
      lastOperation: { type: 'Reconcile', state: 'Error', progress: 42, description: 'Waiting', lastUpdateTime: T0 },
      lastErrors: [{ description: 'rate limited', codes: ['ERR_RETRYABLE_INFRA_DEPENDENCIES'] }],
    });
    expect(theFinding(findings(retryable), 'shoot-operation-failed', 'p1/c1').severity).toBe('warning');
    const uncoded = withShoot(s0, 'c1', { lastOperation: { type: 'Reconcile', state: 'Error', progress: 42, description: 'Waiting', lastUpdateTime: T0 }, lastErrors: [] });
    expect(theFinding(findings(uncoded), 'shoot-operation-failed', 'p1/c1').severity).toBe('warning');
  });

  it('does not report an operation that is still Processing', () => {
    const s = withShoot(s0, 'c1', { lastOperation: { type: 'Create', state: 'Processing', progress: 30, description: 'Creating', lastUpdateTime: T0 } });
    expect(findings(s)).toEqual([]);
  });
});

describe('shoots: stuck without an error', () => {
  const MIN = 60_000;
  it('reports a condition Progressing longer than health.stuckPhaseAfter, not one that just started', () => {
    const progressing = (since: number) => withCondition(s0, 'c1', 'EveryNodeReady', { status: 'Progressing', reason: 'NodesRollingUpdate', lastTransitionTime: s0.takenAt - since });
    expect(theFinding(findings(progressing(20 * MIN)), 'shoot-condition-stuck', 'p1/c1').summary).toBe('shoot p1/c1: EveryNodeReady has been Progressing for 20m (NodesRollingUpdate)');
    expect(rules(findings(progressing(5 * MIN)))).not.toContain('shoot-condition-stuck');
  });

  it('reports a hibernation asked for but not happening while no operation runs', () => {
    const s = withShoot(s0, 'c1', { hibernationEnabled: true, hibernated: false });
    expect(theFinding(findings(s), 'shoot-hibernation-stuck', 'p1/c1').summary).toBe('shoot p1/c1 is to be hibernated but still running, and no operation is in progress');
    const busy = withShoot(s, 'c1', { lastOperation: { type: 'Reconcile', state: 'Processing', progress: 40, description: 'Hibernating', lastUpdateTime: s0.takenAt } });
    expect(rules(findings(busy))).not.toContain('shoot-hibernation-stuck');
  });
});

describe('shoots: a grace period for conditions that just turned', () => {
  it('shows a condition False for less than health.conditionGrace as info, and alarms once it stays', () => {
    const turned = (ago: number) => withCondition(s0, 'c1', 'EveryNodeReady', { status: 'False', reason: 'NodesNotReady', lastTransitionTime: s0.takenAt - ago });
    const fresh = theFinding(findings(turned(20_000), { conditionGrace: 60_000 }), 'shoot-condition-false', 'p1/c1');
    expect(fresh.severity).toBe('info');
    expect(fresh.summary).toBe('shoot p1/c1: EveryNodeReady is False (for 20s, within the grace period) (NodesNotReady)');
    expect(theFinding(findings(turned(90_000), { conditionGrace: 60_000 }), 'shoot-condition-false', 'p1/c1').severity).toBe('critical');
    // The default alarms at once: gardenlet's own Progressing threshold is the grace.
    expect(theFinding(findings(turned(1000)), 'shoot-condition-false', 'p1/c1').severity).toBe('critical');
  });
});
