import { describe, expect, it } from 'vitest';
import { ScaledClock, VirtualClock } from '../../src/clock';
import { MINUTE } from '../../src/model/time';
import type { ScenarioName } from '../../src/sim';
import { memoryAudit } from '../../src/wizards/engine/audit';
import { runRunbook } from '../../src/wizards/engine/runner';
import type { Action, Executor, Interaction, VersionOffer } from '../../src/wizards/engine/types';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { proposeScenario, recoverRunbook } from '../../src/wizards/runbooks/recover';
import { restoredBy } from '../../src/wizards/runbooks/recover-plan';
import { openSimRack } from '../../src/wizards/sim-adapter/rack-handle';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';

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
    expect(workers.down.join(' ')).toMatch(/2 machines machine02, machine04 control planes nested metal-stack, nested Gardener unreachable shoots ops\/metal-cp, ops\/garden-cp not healthy/);
    expect(workers.works.join(' ')).toMatch(/k3s/);
  });

  it('proposes nothing for a healthy rack or a machine that is merely rebooting', () => {
    expect(proposeScenario(simAt(undefined).snapshot()).scenario).toBeUndefined();
    expect(proposeScenario(simAt('machine-reboot', 30_000).snapshot()).scenario).toBeUndefined();
  });
});

describe('recoverRunbook', () => {
  it('follows how metal-stack boots: k3s and the initial databases, metal-api, then machines, then the nested databases', () => {
    const rb = recoverRunbook('rack-lost', simAt('rack-lost').snapshot());
    expect(rb.steps.map((s) => s.id)).toEqual([
      'assess',
      'reprovision',
      'restore-k3s-etcd',
      'stop-initial',
      'restore-initial-metal-db',
      'restore-initial-masterdata-db',
      'restore-initial-ipam-db',
      'metal-api',
      'stop-nested',
      'power-on',
      'restore-nested-metal-db',
      'restore-nested-masterdata-db',
      'restore-nested-ipam-db',
      'restore-virtual-garden-etcd',
      'verify',
      'confirm-backups',
    ]);
    expect(rb.steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(rb.steps.filter((s) => s.id.startsWith('restore-')).map((s) => s.id));
    // The metal-api step says why the machines wait for it.
    expect(rb.steps.find((s) => s.id === 'metal-api')?.explanation).toMatch(/metal-hammer, which asks metal-api/);
    expect(rb.steps.find((s) => s.id === 'power-on')?.preconditions.map((c) => c.description)).toEqual(['metal-api answers (metal-hammer asks it what to do)']);
  });

  it('restores what each scenario lost', () => {
    const plan = (s: 'k3s-lost' | 'shoot-workers-lost' | 'empty-backup-after-restart') => recoverRunbook(s, simAt(s).snapshot()).plan;
    expect(restoredBy(plan('k3s-lost')).map((c) => c.id)).toEqual(['k3s-etcd', 'initial-metal-db', 'initial-masterdata-db', 'initial-ipam-db']);
    expect(restoredBy(plan('shoot-workers-lost')).map((c) => c.id)).toEqual(['nested-metal-db', 'nested-masterdata-db', 'nested-ipam-db', 'virtual-garden-etcd']);
    expect(restoredBy(plan('empty-backup-after-restart')).map((c) => c.id)).toEqual(['initial-metal-db']);
    expect(plan('empty-backup-after-restart').machines).toEqual([]);
    expect(recoverRunbook('empty-backup-after-restart', simAt('empty-backup-after-restart').snapshot()).steps.map((s) => s.id)).toEqual([
      'assess',
      'stop-initial',
      'restore-initial-metal-db',
      'metal-api',
      'verify',
      'confirm-backups',
    ]);
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
  it('marks the empty versions, does not propose them and restores the last good version', async () => {
    const offers: VersionOffer[] = [];
    const { result, ran, rack } = await recover('empty-backup-after-restart', (clock) => {
      const auto = createAutoInteraction({ clock });
      return {
        ...auto,
        chooseVersion: (step, offer, ctx) => {
          offers.push(offer);
          return auto.chooseVersion(step, offer, ctx);
        },
      };
    });
    expect(result.state).toBe('done');
    const versions = offers[0]?.verdict.versions ?? [];
    const empty = versions.filter((v) => v.flags.includes('much-smaller'));
    expect(empty.length).toBeGreaterThan(0);
    expect(versions[0]?.flags).toEqual(expect.arrayContaining(['much-smaller', 'after-incident']));
    const good = versions.find((v) => v.good);
    expect(offers[0]?.verdict.proposal).toBe(good);
    const promote = ran.find((a) => a.effect.op === 'promote-version');
    expect(promote?.effect).toEqual({ op: 'promote-version', component: 'initial-metal-db', versionId: good?.version.versionId });
    expect(result.choices['restore-initial-metal-db']?.versionId).toBe(good?.version.versionId);
    // The first upload after the restart holds the restored data, not the empty database.
    const metalDb = rack.snapshot().backups.find((b) => b.id === 'initial-metal-db');
    expect(metalDb?.versions[0]?.copyOf).toBeUndefined();
    expect(metalDb?.versions[0]?.size).toBeGreaterThan((good?.version.size ?? 0) * 0.9);
  });

  it('cancels on a wrong typed confirmation, restores nothing and says the database is still stopped', async () => {
    const { result, ran, rack } = await recover('empty-backup-after-restart', (clock) => {
      const auto = createAutoInteraction({ clock });
      return { ...auto, chooseVersion: async (step, offer, ctx) => ({ ...(await auto.chooseVersion(step, offer, ctx)), typed: 'initial-metal-db wrongid1' }) as never };
    });
    expect(result.state).toBe('cancelled');
    expect(result.reason).toMatch(/typed confirmation did not match "initial-metal-db /);
    expect(ran.some((a) => a.effect.op === 'clear-data' || a.effect.op === 'promote-version')).toBe(false);
    expect(result.steps.find((s) => s.id === 'restore-initial-metal-db')?.state).not.toBe('done');
    // Still fenced: cancelling never re-opens the door for empty uploads, and the summary says so.
    expect(rack.snapshot().backups.find((b) => b.id === 'initial-metal-db')?.paused).toBe(true);
    expect(result.stillChanged).toEqual([
      { what: 'metal-db (initial metal-stack) is STILL STOPPED, and its backups with it', undo: [expect.objectContaining({ kind: 'kube', verb: 'scale', name: 'metal-db', args: { replicas: 1 } })] },
    ]);
  });
});
