import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/model/time';
import { findings, rules, theFinding } from './helpers';
import { T0, healthySnapshot, withMachine, withSessionsTo } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();
const inPhase = (phase: Parameters<typeof withMachine>[2]['phase'], minutesAgo: number) => ({ phase, phaseSince: T0 - minutesAgo * MINUTE });

describe('machines: liveliness', () => {
  it('reports a Dead machine as critical, by name', () => {
    const f = theFinding(findings(withMachine(s0, 'm2', { liveliness: 'Dead' })), 'machine-dead', 'm2');
    expect(f).toMatchObject({ severity: 'critical', area: 'machines', subject: { kind: 'machine', label: 'worker-c1' } });
    expect(f.hint).toContain('no BMC');
  });

  it("reports a shoot's Dead firewall as the shoot's loss, not as one more machine", () => {
    const all = findings(withMachine(s0, 'm1', { liveliness: 'Dead' }));
    const f = theFinding(all, 'firewall-dead', 'm1');
    expect(f.severity).toBe('critical');
    expect(f.summary).toMatch(/^firewall fw-c1 of shoot p1\/c1 is Dead: the shoot's nodes lose their way out/);
    expect(f.hint).toContain('firewall-controller-manager');
    expect(rules(all)).not.toContain('machine-dead');
  });

  it('reports an allocated machine that stopped phoning home (Unknown) as a warning pointing at its shoot', () => {
    const f = theFinding(findings(withMachine(s0, 'm4', { liveliness: 'Unknown' })), 'machine-liveliness-unknown', 'm4');
    expect(f.severity).toBe('warning');
    expect(f.hint).toContain('p1/c2');
  });

  it('folds the BGP sessions of a machine that stopped phoning home into its one finding', () => {
    let s = withMachine(s0, 'm2', { liveliness: 'Unknown' });
    s = withSessionsTo(s, 'worker-c1', { state: 'Idle', lastResetReason: 'Hold Timer Expired' });
    const all = findings(s);
    expect(rules(all)).toEqual(['machine-liveliness-unknown']);
    expect(all[0]?.summary).toContain('2 BGP sessions to it down');
  });

  it('still reports the BGP sessions of a machine that is Alive', () => {
    const s = withSessionsTo(s0, 'worker-c1', { state: 'Idle' });
    expect(rules(findings(s))).toEqual(['bgp-session-down', 'bgp-session-down']);
  });

  it('falls back to the hostname, then the id, when metal-api has no machine name', () => {
    const s = withMachine(s0, 'm2', { name: '', liveliness: 'Dead' });
    expect(theFinding(findings(s), 'machine-dead', 'm2').subject.label).toBe('worker-c1');
    const bare = withMachine(s0, 'm2', { name: '', allocation: undefined, liveliness: 'Dead' });
    expect(theFinding(findings(bare), 'machine-dead', 'm2').subject.label).toBe('m2');
  });
});

describe('machines: flags', () => {
  it('reports a crash loop as critical with the last error', () => {
    const s = withMachine(s0, 'm3', {
      crashLoop: true,
      ...inPhase('Crashed', 30),
      lastErrorEvent: { time: T0 - 30 * MINUTE, event: 'Crashed', message: 'metal-hammer: no disk found' },
    });
    const all = findings(s);
    const f = theFinding(all, 'machine-crash-loop', 'm3');
    expect(f.severity).toBe('critical');
    expect(f.summary).toContain('no disk found');
    // The crash loop says it all; the long Crashed phase is not reported a second time as "stuck".
    expect(rules(all)).not.toContain('machine-stuck');
  });

  it('reports a failed reclaim as a warning', () => {
    const f = theFinding(findings(withMachine(s0, 'm4', { failedReclaim: true })), 'machine-failed-reclaim', 'm4');
    expect(f.severity).toBe('warning');
  });
});

describe('machines: stuck in a phase', () => {
  it.each(['PXE Booting', 'Preparing', 'Registering', 'Installing', 'Booting New Kernel', 'Planned Reboot', 'Machine Reclaim', 'Crashed'] as const)(
    'reports a machine in %s for 20 minutes as stuck',
    (phase) => {
      const f = theFinding(findings(withMachine(s0, 'm2', inPhase(phase, 20))), 'machine-stuck', 'm2');
      expect(f.severity).toBe('warning');
      expect(f.summary).toContain(phase);
      expect(f.summary).toContain('20m');
    },
  );

  it('gives a machine 15 minutes before calling it stuck', () => {
    expect(findings(withMachine(s0, 'm2', inPhase('Installing', 14)))).toEqual([]);
  });

  it('honours a custom stuckPhaseAfter', () => {
    expect(rules(findings(withMachine(s0, 'm2', inPhase('Installing', 6)), { stuckPhaseAfter: 5 * MINUTE }))).toEqual(['machine-stuck']);
  });

  it('never calls a machine Waiting for allocation stuck, however long', () => {
    expect(findings(withMachine(s0, 'm2', { allocation: undefined, ...inPhase('Waiting', 3 * 24 * 60) }))).toEqual([]);
  });

  it('never calls a Phoned Home machine stuck', () => {
    expect(findings(withMachine(s0, 'm2', inPhase('Phoned Home', 10 * 24 * 60)))).toEqual([]);
  });
});

describe('machines: the issues metal-api evaluated', () => {
  it('are findings under the server ids and severities; the derived finding they cover steps back', () => {
    const id = s0.machines[0]?.id as string;
    const s = withMachine(s0, id, {
      crashLoop: true,
      issues: [
        { id: 'crashloop', severity: 'major', description: 'machine is in a provisioning crash loop', refUrl: 'https://docs.metal-stack.io/x' },
        { id: 'failed-machine-reclaim', severity: 'critical', description: 'machine phones home but not allocated' },
        { id: 'last-event-error', severity: 'minor', description: 'the machine had an error during the provisioning lifecycle' },
      ],
    });
    const mine = findings(s).filter((f) => f.subject.id === id);
    expect(mine.map((f) => [f.rule, f.severity])).toEqual(
      expect.arrayContaining([
        ['crashloop', 'warning'],
        ['failed-machine-reclaim', 'critical'],
        ['last-event-error', 'info'],
      ]),
    );
    expect(mine.map((f) => f.rule)).not.toContain('machine-crash-loop');
    expect(mine.find((f) => f.rule === 'crashloop')?.hint).toBe(`see https://docs.metal-stack.io/x; metalctl machine issues --id ${id}`);
  });

  it('an evaluated machine without issues keeps the derived findings that no issue covers', () => {
    const id = s0.machines[0]?.id as string;
    expect(rules(findings(withMachine(s0, id, { crashLoop: true, issues: [] })))).toContain('machine-crash-loop');
  });
});
