import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { MINUTE } from '../../src/model/time';
import { SimRack } from '../../src/sim/engine';
import { memoryAudit } from '../../src/wizards/engine/audit';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { runRunbook } from '../../src/wizards/engine/runner';
import type { Action, Effect, Runbook } from '../../src/wizards/engine/types';
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

async function runOne(effect: Effect, scenario?: 'rack-lost') {
  const { executor, clock } = simRack(scenario);
  const lines: string[] = [];
  const action: Action = { id: 'a', description: 'the action', effect, calls: [], destructive: false };
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
        step('power-on', () => [{ id: 'on', description: 'power on everything', effect: { op: 'power-on', ids }, calls: [], destructive: false }], {
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
    // By name, as the step says it, not by UUID.
    expect(lines[0]).toBe('powering on machine01, machine02, machine03, machine04, bootstrap');
    const rto = result.endedAt - result.startedAt;
    // PXE boot and provisioning take minutes of rack time, all of it spent in verify polls.
    expect(rto).toBeGreaterThan(3 * MINUTE);
    expect(rto).toBeLessThan(40 * MINUTE);
  });

  it('restores a chosen older version the way the sidecar does: stop, make it the newest, clear, start', async () => {
    const { clock, sim, snapshot } = simRack('empty-backup-after-restart');
    await clock.advance(20 * MINUTE);
    const id = 'initial-metal-db';
    const good = snapshot().backupVerdicts.get(id)?.proposal?.version;
    if (!good) throw new Error('no proposal');
    expect(snapshot().backups.find((b) => b.id === id)?.versions[0]?.size).toBeLessThan(good.size / 10);
    const run = (effect: Effect) => runOneOn(sim, clock, effect);

    expect((await run({ op: 'clear-data', component: id })).outcome.error).toMatch(/is running: stop it before deleting its data/);
    await run({ op: 'stop-database', component: id });
    // A stopped database uploads nothing, and metal-api, which needs it, stops answering.
    expect(snapshot().backups.find((b) => b.id === id)?.paused).toBe(true);
    expect(snapshot().controlPlanes.find((c) => c.id === 'initial-metal-stack')).toMatchObject({ reachable: false, message: 'database metal-db is stopped' });
    await run({ op: 'promote-version', component: id, versionId: good.versionId });
    const promoted = snapshot().backups.find((b) => b.id === id)?.versions[0];
    expect(promoted).toMatchObject({ size: good.size, isLatest: true, copyOf: { versionId: good.versionId, time: good.time } });
    // The judge reads the copy as the version it copies: good, not "after the incident".
    expect(snapshot().backupVerdicts.get(id)?.versions[0]?.good).toBe(true);
    await run({ op: 'clear-data', component: id });
    await run({ op: 'start-database', component: id });
    expect(snapshot().controlPlanes.find((c) => c.id === 'initial-metal-stack')?.message).toBe('database metal-db is restoring');
    await clock.advance(2 * MINUTE);
    expect(snapshot().controlPlanes.find((c) => c.id === 'initial-metal-stack')?.reachable).toBe(true);
    await clock.advance(5 * MINUTE);
    const after = snapshot().backups.find((b) => b.id === id);
    // The next uploads are about the restored size: the database holds real data again.
    expect(after?.paused).toBe(false);
    expect(after?.versions[0]?.copyOf).toBeUndefined();
    expect(after?.versions[0]?.size).toBeGreaterThan(good.size * 0.9);
  });

  it('fails clearly on an unknown node or component', async () => {
    expect((await runOne({ op: 'power-on', ids: ['nope'] })).outcome.error).toBe('no such node in the rack: nope');
    expect((await runOne({ op: 'stop-database', component: 'nope' })).outcome.error).toBe('no backup component nope');
    expect((await runOne({ op: 'promote-version', component: 'initial-metal-db', versionId: 'v0' })).outcome.error).toBe('backup initial-metal-db has no version v0');
  });

  it('waits on the clock it was given', async () => {
    const { outcome, lines, clock } = await runOne({ op: 'wait', ms: 90_000 });
    expect(outcome.ok).toBe(true);
    expect(lines).toEqual(['waiting 90 s']);
    expect(clock.now() - T0).toBeGreaterThanOrEqual(90_000);
  });
});

async function runOneOn(sim: SimRack, clock: VirtualClock, effect: Effect) {
  const lines: string[] = [];
  const action: Action = { id: 'a', description: 'the action', effect, calls: [], destructive: false };
  const outcome = await drive(clock, createSimExecutor(sim, clock).run(action, { signal: new AbortController().signal, output: (l) => lines.push(l) }));
  return { outcome, lines };
}
