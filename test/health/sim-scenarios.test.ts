import { describe, expect, it } from 'vitest';
import type { RackObservation } from '../../src/model/snapshot';
import { MINUTE } from '../../src/model/time';
import type { ScenarioName } from '../../src/sim';
import { rack, T0 } from '../sim/helpers';
import { findings } from './helpers';

/** The simulated rack after `minutes`, as a snapshot (sources are judged elsewhere, so none here). */
function simSnapshot(scenario: ScenarioName | undefined, minutes: number): RackObservation {
  const sim = rack(scenario ? { scenario } : {});
  sim.advanceTo(T0 + minutes * MINUTE);
  return { ...sim.data(), rack: { name: 'sim', simulated: true }, takenAt: sim.now, sources: [], domains: [] };
}

const keys = (s: RackObservation) => findings(s).map((f) => `${f.rule} ${f.subject.id}`);

describe('health of the simulated mini-rack', () => {
  it('finds nothing wrong in a steady rack, also two hours later', () => {
    expect(findings(simSnapshot(undefined, 0))).toEqual([]);
    expect(findings(simSnapshot(undefined, 120))).toEqual([]);
  });

  it('after losing k3s shows the bootstrap node and the initial control planes down', () => {
    const k = keys(simSnapshot('k3s-lost', 30));
    expect(k).toContain('node-down bootstrap');
    expect(k).toContain('control-plane-unreachable k3s');
    expect(k).toContain('control-plane-unreachable initial-metal-stack');
    expect(k.some((x) => x.startsWith('control-plane-unreachable nested'))).toBe(false);
  });

  it('after losing the whole rack names each machine once instead of each of its BGP sessions', () => {
    const all = findings(simSnapshot('rack-lost', 30));
    expect(all.filter((f) => f.rule === 'bgp-session-down')).toEqual([]);
    expect(all.filter((f) => f.rule === 'machine-liveliness-unknown' || f.rule === 'machine-dead')).toHaveLength(4);
  });

  it('catches the empty backup after a sidecar restart as a size drop', () => {
    const drop = findings(simSnapshot('empty-backup-after-restart', 30)).find((f) => f.rule === 'backup-size-drop');
    expect(drop?.severity).toBe('critical');
    expect(drop?.subject.id).toBe('initial-metal-db');
    expect(drop?.hint).toMatch(/restore version \S{8} of .* by hand/);
  });
});
