import { describe, expect, it } from 'vitest';
import { ScaledClock, VirtualClock } from '../../src/clock';
import { MINUTE } from '../../src/model/time';
import type { ScenarioName } from '../../src/sim';
import { memoryAudit } from '../../src/wizards/engine/audit';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { openSimRack } from '../../src/wizards/sim-adapter/rack-handle';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { runRunbook } from '../../src/wizards/engine/runner';
import { confirmKey, proposeScenario, recoverRunbook, versionKey } from '../../src/wizards/runbooks/recover';
import type { Action, Executor, Interaction, QuestionOffer } from '../../src/wizards/engine/types';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

function simAt(scenario: ScenarioName | undefined, lead = 10 * MINUTE) {
  return openSimRack({ clock: new VirtualClock(T0), rackName: 'test', seed: 7, ...(scenario ? { scenario } : {}), lead });
}

describe('proposeScenario', () => {
  it.each(['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart'] as const)('recognises %s on the live snapshot', (scenario) => {
    const p = proposeScenario(simAt(scenario).snapshot());
    expect(p.scenario).toBe(scenario);
    expect(p.summary).toMatch(/This looks like/);
    expect(p.down.length).toBeGreaterThan(0);
  });

  it('says what is down and what still works', () => {
    const k3s = proposeScenario(simAt('k3s-lost').snapshot());
    expect(k3s.down.join(' ')).toMatch(/bootstrap node/);
    expect(k3s.works.join(' ')).toMatch(/nested metal-stack/);
    const workers = proposeScenario(simAt('shoot-workers-lost').snapshot());
    expect(workers.down.join(' ')).toMatch(/machine\(s\)/);
    expect(workers.works.join(' ')).toMatch(/k3s/);
  });

  it('proposes nothing for a healthy rack or a machine that is merely rebooting', () => {
    expect(proposeScenario(simAt(undefined).snapshot()).scenario).toBeUndefined();
    expect(proposeScenario(simAt('machine-reboot', 30_000).snapshot()).scenario).toBeUndefined();
  });
});

describe('recoverRunbook', () => {
  it('orders the steps assess, fence, power on, restores, verify, resume', () => {
    const rb = recoverRunbook('rack-lost', simAt('rack-lost').snapshot());
    const ids = rb.steps.map((s) => s.id);
    expect(ids[0]).toBe('assess');
    expect(ids.slice(1, 3)).toEqual(['fence', 'power-on']);
    expect(ids.slice(-2)).toEqual(['verify', 'resume-backups']);
    const restores = ids.filter((id) => id.startsWith('restore-'));
    expect(restores[0]).toBe('restore-k3s-etcd');
    expect(restores).toEqual(expect.arrayContaining(['restore-initial-metal-db', 'restore-nested-metal-db', 'restore-virtual-garden-etcd']));
    expect(rb.steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(restores);
  });

  it('restores what each scenario lost', () => {
    const plan = (s: 'k3s-lost' | 'shoot-workers-lost' | 'empty-backup-after-restart') => recoverRunbook(s, simAt(s).snapshot()).plan;
    expect(plan('k3s-lost').restore.map((c) => c.id)).toEqual(['k3s-etcd', 'initial-metal-db', 'initial-masterdata-db', 'initial-ipam-db']);
    expect(plan('shoot-workers-lost').restore.map((c) => c.id)).toEqual(['nested-metal-db', 'nested-masterdata-db', 'nested-ipam-db', 'virtual-garden-etcd']);
    expect(plan('empty-backup-after-restart').restore.map((c) => c.id)).toEqual(['initial-metal-db']);
    expect(plan('empty-backup-after-restart').machines).toEqual([]);
  });

  it('shows the real command in every sim action', () => {
    const sim = simAt('k3s-lost');
    const snapshot = sim.snapshot();
    const rb = recoverRunbook('k3s-lost', snapshot);
    const ctx = { snapshot, answers: { [versionKey(rb.plan.restore[1] as never)]: snapshot.backups.find((b) => b.id === 'initial-metal-db')?.versions[0]?.versionId ?? '' }, params: {} };
    const fence = rb.steps.find((s) => s.id === 'fence')?.actions(ctx) ?? [];
    expect(fence.find((a) => a.id === 'pause-initial-metal-db')?.description).toMatch(/kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=0/);
    const restore = rb.steps.find((s) => s.id === 'restore-initial-metal-db')?.actions(ctx) ?? [];
    expect(restore[0]?.description).toMatch(/backup-restore-sidecar restore \S+/);
    expect(restore[0]?.destructive).toBe(true);
  });
});

/** Runs a recovery on a fast clock with the sim executor, recording every action the executor saw. */
async function recover(scenario: 'empty-backup-after-restart', interaction: (clock: ScaledClock) => Interaction) {
  const clock = new ScaledClock(600);
  const rack = openSimRack({ clock, rackName: 'test', seed: 7, scenario, lead: 10 * MINUTE });
  const runbook = recoverRunbook(scenario, rack.snapshot());
  const sim = createSimExecutor(rack.sim, clock);
  const ran: Action[] = [];
  const executor: Executor = {
    kind: 'sim',
    run: (a, io) => {
      ran.push(a);
      return sim.run(a, io);
    },
  };
  const result = await runRunbook({ runbook, executor, interaction: interaction(clock), snapshot: rack.snapshot, clock, audit: memoryAudit(), operator: 'test', rack: 'test' });
  return { result, ran, rack };
}

describe('empty-backup-after-restart', () => {
  it('marks the empty versions, does not preselect them and restores the last good version', async () => {
    const offers: QuestionOffer[] = [];
    const { result, ran, rack } = await recover('empty-backup-after-restart', (clock) => {
      const auto = createAutoInteraction({ clock });
      return {
        ...auto,
        ask: (q, ctx, offer) => {
          offers.push(offer);
          return auto.ask(q, ctx, offer);
        },
      };
    });
    expect(result.state).toBe('done');
    const versions = offers[0]?.versions ?? [];
    const empty = versions.filter((v) => v.flags.includes('much-smaller'));
    expect(empty.length).toBeGreaterThan(0);
    expect(versions[0]?.flags).toEqual(expect.arrayContaining(['much-smaller', 'after-incident']));
    const good = versions.find((v) => v.good);
    expect(offers[0]?.preselected).toBe(good?.version.versionId);
    expect(empty.map((v) => v.version.versionId)).not.toContain(offers[0]?.preselected);
    const restore = ran.find((a) => a.spec.kind === 'sim' && a.spec.op === 'restore-backup');
    expect(restore?.spec.kind === 'sim' && restore.spec.args.version).toBe(good?.version.versionId);
    expect(result.answers['version:initial-metal-db']).toBe(good?.version.versionId);
    // The first upload after resuming holds the restored data, not the empty database.
    const metalDb = rack.snapshot().backups.find((b) => b.id === 'initial-metal-db');
    expect(metalDb?.versions[0]?.size).toBeGreaterThan((good?.version.size ?? 0) * 0.9);
  });

  it('cancels on a wrong typed confirmation and restores nothing', async () => {
    const { result, ran, rack } = await recover('empty-backup-after-restart', (clock) => {
      const auto = createAutoInteraction({ clock });
      return { ...auto, ask: (q, ctx, offer) => (q.key === confirmKey({ id: 'initial-metal-db' } as never) ? Promise.resolve('initial-metal-db wrongid1') : auto.ask(q, ctx, offer)) };
    });
    expect(result.state).toBe('cancelled');
    expect(result.reason).toMatch(/expected "initial-metal-db /);
    expect(ran.some((a) => a.spec.kind === 'sim' && a.spec.op === 'restore-backup')).toBe(false);
    expect(result.steps.find((s) => s.id === 'restore-initial-metal-db')?.state).not.toBe('done');
    // Still fenced: cancelling never re-opens the door for empty uploads.
    expect(rack.snapshot().backups.find((b) => b.id === 'initial-metal-db')?.paused).toBe(true);
  });
});
