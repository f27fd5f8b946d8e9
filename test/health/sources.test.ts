import { describe, expect, it } from 'vitest';
import type { RackSnapshot } from '../../src/model/snapshot';
import { MINUTE, SECOND } from '../../src/model/time';
import { findings, rules, theFinding } from './helpers';
import { T0, healthySnapshot, withSource } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();
const failing = (s: RackSnapshot, name: string) =>
  withSource(s, name, { state: 'error', lastError: { at: T0 - SECOND, message: 'dial tcp 10.0.0.1:443: i/o timeout' }, lastSuccess: T0 - 5 * MINUTE });

describe('sources', () => {
  it('warns about one failing source, with its error and its last success', () => {
    const f = theFinding(findings(failing(s0, 'metal-api')), 'source-failing', 'metal-api');
    expect(f).toMatchObject({ severity: 'warning', area: 'sources', subject: { kind: 'source', label: 'metal-api' } });
    expect(f.summary).toContain('i/o timeout');
    expect(f.summary).toContain('last success 5m ago');
  });

  it('turns critical when every source is failing: nothing on screen is current', () => {
    const s = ['kube', 'switches', 'metal-api', 's3'].reduce(failing, s0);
    const all = findings(s);
    expect(all).toHaveLength(4);
    expect(all.every((f) => f.rule === 'source-failing' && f.severity === 'critical')).toBe(true);
  });

  it('counts a disabled source neither as failing nor as working', () => {
    let s = failing(s0, 'kube');
    for (const name of ['switches', 'metal-api', 's3']) s = withSource(s, name, { state: 'disabled' });
    expect(theFinding(findings(s), 'source-failing', 'kube').severity).toBe('critical');
  });

  it('says "never" for a source that never succeeded', () => {
    const s = withSource(s0, 's3', { state: 'error', lastSuccess: undefined, lastError: { at: T0, message: 'AccessDenied' } });
    expect(theFinding(findings(s), 'source-failing', 's3').summary).toContain('last success never');
  });

  it('warns about a source that reports itself stale, with the age of its data', () => {
    const f = theFinding(findings(withSource(s0, 'switches', { state: 'stale', lastSuccess: T0 - 2 * MINUTE })), 'source-stale', 'switches');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('2m ago');
  });

  it('notices staleness itself when a source still says ok but has not succeeded for two intervals', () => {
    expect(rules(findings(withSource(s0, 'kube', { lastSuccess: T0 - 25 * SECOND })))).toEqual(['source-stale']);
    expect(findings(withSource(s0, 'kube', { lastSuccess: T0 - 15 * SECOND }))).toEqual([]);
    expect(findings(withSource(s0, 'kube', { lastSuccess: T0 - 15 * SECOND }), { staleAfterIntervals: 1 })).toHaveLength(1);
  });

  it('does not judge a source that has not answered yet', () => {
    expect(findings(withSource(s0, 's3', { state: 'pending', lastSuccess: undefined }))).toEqual([]);
  });
});
