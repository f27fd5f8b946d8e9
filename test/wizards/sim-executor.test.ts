import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { MINUTE } from '../../src/model/time';
import { SimRack } from '../../src/sim/engine';
import { memoryAudit } from '../../src/wizards/engine/audit';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { runRunbook } from '../../src/wizards/engine/runner';
import type { Action, ActionSpec, Runbook } from '../../src/wizards/engine/types';
import { confirmationText } from '../../src/wizards/version-choice';
import { judged } from '../fixtures/snapshot-builder';
import { T0 } from '../sim/helpers';
import { drive } from './helpers';

function simRack(scenario?: 'rack-lost' | 'empty-backup-after-restart') {
  const clock = new VirtualClock(T0);
  const sim = new SimRack({ start: T0, seed: 7, ...(scenario ? { scenario } : {}) });
  const snapshot = (): RackSnapshot => {
    sim.advanceTo(clock.now());
    return judged({ ...sim.data(), rack: { name: 'sim', simulated: true }, takenAt: clock.now(), sources: [], domains: ['topology', 'bgp', 'machines', 'shoots', 'controlPlanes', 'backups'] });
  };
  return { clock, sim, snapshot, executor: createSimExecutor(sim, clock) };
}

async function runOne(spec: ActionSpec, scenario?: 'rack-lost') {
  const { executor, clock } = simRack(scenario);
  const lines: string[] = [];
  const action: Action = { id: 'a', description: 'the action', spec, destructive: false };
  const outcome = await drive(clock, executor.run(action, { signal: new AbortController().signal, output: (l) => lines.push(l) }));
  return { outcome, lines, clock };
}

const step = (id: string, actions: Runbook['steps'][number]['actions'], extra: Partial<Runbook['steps'][number]> = {}) => ({
  id,
  title: id,
  explanation: '',
  destructive: false,
  preconditions: [],
  actions,
  ...extra,
});

describe('the sim executor on a simulated rack', () => {
  it('powers a lost rack back on; verify waits on the rack clock until every machine phoned home', async () => {
    const { clock, sim, snapshot, executor } = simRack('rack-lost');
    const ids = [...sim.layout.machines.map((m) => m.id), sim.layout.bootstrapId];
    const runbook: Runbook = {
      id: 'power',
      title: 'Power on',
      description: '',
      steps: [
        step('power-on', () => [{ id: 'on', description: 'power on everything', spec: { kind: 'sim', op: 'power-on', args: { ids } }, destructive: false }], {
          verify: {
            description: 'every machine Phoned Home and Alive',
            test: (ctx) => {
              const down = ctx.snapshot.machines.filter((m) => m.phase !== 'Phoned Home' || m.liveliness !== 'Alive');
              return { ok: down.length === 0, detail: `${down.length} machines not back` };
            },
            timeout: 40 * MINUTE,
          },
        }),
      ],
    };
    const lines: string[] = [];
    const options = { runbook, executor, snapshot, clock, audit: memoryAudit(), operator: 'ops@test', rack: 'sim', verifyPollInterval: 10_000 };
    const interaction = createAutoInteraction({ clock });
    // Let the machines go down first, as in a real outage.
    await clock.advance(10 * MINUTE);
    expect(snapshot().machines.every((m) => m.liveliness !== 'Alive')).toBe(true);
    const run = runRunbook({ ...options, interaction, onEvent: (e) => e.type === 'output' && lines.push(e.line) });
    const result = await drive(clock, run, 5000);
    expect(result.state).toBe('done');
    expect(lines[0]).toMatch(/^powering on \d+ nodes: /);
    const rto = result.endedAt - result.startedAt;
    // PXE boot and provisioning take minutes of rack time, all of it spent in verify polls.
    expect(rto).toBeGreaterThan(3 * MINUTE);
    expect(rto).toBeLessThan(40 * MINUTE);
  });

  it('restores the version --auto preselects (the last good one), not the empty newest one', async () => {
    const { clock, sim, snapshot, executor } = simRack('empty-backup-after-restart');
    await clock.advance(20 * MINUTE);
    const id = 'initial-metal-db';
    const sim_ = (op: 'pause-backups' | 'resume-backups' | 'restore-backup' | 'wait', args: Record<string, string | number>): ActionSpec => ({ kind: 'sim', op, args });
    const runbook: Runbook = {
      id: 'restore',
      title: 'Restore',
      description: '',
      steps: [
        step('fence', () => [{ id: 'pause', description: 'pause backups', spec: sim_('pause-backups', { component: id }), destructive: false }]),
        step(
          'restore',
          (ctx) => [{ id: 'restore', description: 'restore', spec: sim_('restore-backup', { component: id, version: ctx.answers.version ?? '' }), destructive: true }],
          {
            destructive: true,
            questions: [
              { kind: 'choose-version', key: 'version', componentId: id },
              { kind: 'confirm-typed', key: 'typed', prompt: '', expected: (ctx) => confirmationText(ctx.snapshot.backups.find((b) => b.id === id) as never, ctx.answers.version ?? '') },
            ],
          },
        ),
        step('resume', () => [
          { id: 'resume', description: 'resume backups', spec: sim_('resume-backups', { component: id }), destructive: false },
          { id: 'wait', description: 'wait for new backups', spec: sim_('wait', { ms: 10 * MINUTE }), destructive: false },
        ]),
      ],
    };
    const before = snapshot().backups.find((b) => b.id === id);
    const good = before?.versions.find((v) => v.time < (snapshot().incident?.startedAt ?? 0));
    const interaction = createAutoInteraction({ clock });
    const result = await drive(clock, runRunbook({ runbook, executor, interaction, snapshot, clock, audit: memoryAudit(), operator: 'ops@test', rack: 'sim' }));
    expect(result.state).toBe('done');
    expect(result.answers.version).toBe(good?.versionId);
    expect(before?.versions[0]?.size).toBeLessThan((good?.size ?? 0) / 10);
    sim.advanceTo(clock.now());
    const after = sim.data().backups.find((b) => b.id === id);
    expect(after?.paused).toBe(false);
    expect(after?.versions[0]?.size).toBeGreaterThan((good?.size ?? 0) * 0.9);
  });

  it('reports each step of a restore as output lines', async () => {
    const { sim, executor, clock } = simRack();
    const version = sim.data().backups.find((b) => b.id === 'initial-metal-db')?.versions[2]?.versionId ?? '';
    const lines: string[] = [];
    const spec: ActionSpec = { kind: 'sim', op: 'restore-backup', args: { component: 'initial-metal-db', version } };
    const outcome = await drive(clock, executor.run({ id: 'r', description: 'r', spec, destructive: true }, { signal: new AbortController().signal, output: (l) => lines.push(l) }));
    expect(outcome).toEqual({ ok: true, exitCode: 0 });
    expect(lines.at(-1)).toBe(`restoring initial-metal-db version ${version.slice(0, 8)}... done`);
    expect(lines[0]).toMatch(/^downloading .* \(\d+(\.\d)? [KMG]?B, taken /);
  });

  it('refuses command and API actions instead of pretending they ran', async () => {
    const cmd = await runOne({ kind: 'command', argv: ['metalctl', 'machine', 'ls'] });
    expect(cmd.outcome).toEqual({ ok: false, error: 'the simulator cannot run command actions ("the action"); real executors are not available yet' });
    const api = await runOne({ kind: 'api', target: 'kube', method: 'GET', path: '/api/v1/nodes' });
    expect(api.outcome.ok).toBe(false);
    expect(api.outcome.error).toContain('cannot run api actions');
  });

  it('fails clearly on an unknown node, component or version', async () => {
    expect((await runOne({ kind: 'sim', op: 'power-on', args: { ids: ['nope'] } })).outcome.error).toBe('no such node in the rack: nope');
    expect((await runOne({ kind: 'sim', op: 'pause-backups', args: { component: 'nope' } })).outcome.error).toBe('no backup component nope');
    expect((await runOne({ kind: 'sim', op: 'restore-backup', args: { component: 'initial-metal-db', version: 'v0' } })).outcome.error).toBe('backup initial-metal-db has no version v0');
    expect((await runOne({ kind: 'sim', op: 'wait', args: {} })).outcome.error).toBe('sim action needs a non-negative number "ms"');
  });

  it('waits on the clock it was given', async () => {
    const { outcome, lines, clock } = await runOne({ kind: 'sim', op: 'wait', args: { ms: 90_000 } });
    expect(outcome.ok).toBe(true);
    expect(lines).toEqual(['waiting 90 s']);
    expect(clock.now() - T0).toBeGreaterThanOrEqual(90_000);
  });
});
