import { describe, expect, it } from 'vitest';
import { countBySeverity, type Finding, worstSeverity } from '../../src/health';
import { MINUTE } from '../../src/model/time';
import { findings } from './helpers';
import {
  T0,
  healthySnapshot,
  withBackup,
  withMachine,
  withNode,
  withSession,
  withSource,
} from '../fixtures/snapshot-builder';

/** A bad morning: things wrong in several areas at once, with every severity. */
function badMorning() {
  let s = healthySnapshot();
  s = withSource(s, 's3', { state: 'stale', lastSuccess: T0 - 5 * MINUTE }); // warning, sources
  s = withBackup(s, 'metal-db', { versions: [] }); // critical, backups
  s = withMachine(s, 'm4', { liveliness: 'Dead' }); // critical, machines
  s = withMachine(s, 'm2', { liveliness: 'Dead' }); // critical, machines
  s = withNode(s, 'bootstrap', { reachability: 'down' }); // critical, topology
  s = withSession(s, 'spine', '10.255.0.1', { state: 'Idle', adminState: 'Admin' }); // info, bgp
  s = withMachine(s, 'm3', { failedReclaim: true }); // warning, machines
  return s;
}

describe('evaluate: ordering', () => {
  it('lists critical first, then warnings, then info; within a severity by area, then by subject', () => {
    const list = findings(badMorning()).map((f) => `${f.severity} ${f.area} ${f.subject.label}`);
    expect(list).toEqual([
      'critical topology bootstrap',
      'critical machines worker-c1',
      'critical machines worker-c2',
      'critical backups metal-db',
      'warning machines fw-c2',
      'warning sources s3',
      'info bgp spine -> router (default IPv4 Unicast 10.255.0.1)',
    ]);
  });

  it('gives the same order whatever order the snapshot lists things in', () => {
    const s = badMorning();
    const shuffled = { ...s, machines: [...s.machines].reverse(), sources: [...s.sources].reverse() };
    expect(findings(shuffled)).toEqual(findings(s));
  });
});

describe('evaluate: summaries', () => {
  it('gives every finding a stable kebab-case rule id and a one-line summary and hint', () => {
    for (const f of findings(badMorning())) {
      expect(f.rule).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(f.summary).not.toMatch(/\n/);
      expect(f.hint).not.toMatch(/\n/);
    }
  });

  it('is pure: evaluating twice gives the same findings and leaves the snapshot untouched', () => {
    const s = badMorning();
    const copy = structuredClone(s);
    expect(findings(s)).toEqual(findings(s));
    expect(s).toEqual(copy);
  });
});

describe('worstSeverity and countBySeverity', () => {
  const f = (severity: Finding['severity']): Finding => ({
    rule: 'x-y',
    severity,
    area: 'bgp',
    subject: { kind: 'switch', id: 'a', label: 'a' },
    summary: 'a',
    hint: 'a',
  });

  it('has no worst severity for a healthy rack', () => {
    expect(worstSeverity([])).toBeUndefined();
    expect(countBySeverity([])).toEqual({ critical: 0, warning: 0, info: 0 });
  });

  it('picks the worst and counts each severity', () => {
    const list = [f('info'), f('warning'), f('info')];
    expect(worstSeverity(list)).toBe('warning');
    expect(worstSeverity([...list, f('critical')])).toBe('critical');
    expect(countBySeverity(list)).toEqual({ critical: 0, warning: 1, info: 2 });
  });

  it('matches the bad morning', () => {
    const all = findings(badMorning());
    expect(worstSeverity(all)).toBe('critical');
    expect(countBySeverity(all)).toEqual({ critical: 4, warning: 2, info: 1 });
  });
});
