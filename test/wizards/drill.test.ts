import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confirmationText } from '../../src/backups/judge';
import type { Clock } from '../../src/clock';
import { type DrillOptions, runDrill } from '../../src/wizards/drill/drill';
import type { Interaction } from '../../src/wizards/engine/types';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'rackpilot-drill-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** --auto, on the drill's own clock once it exists. */
function auto(): { interaction: Interaction; onClock: (c: Clock) => void } {
  let clock: Clock | undefined;
  const proxy: Clock = { now: () => clock?.now() ?? Date.now(), setTimer: (f, ms) => clock?.setTimer(f, ms) ?? (() => {}) };
  const onClock = (c: Clock) => {
    clock = c;
  };
  return { interaction: createAutoInteraction({ clock: proxy }), onClock };
}

const base = (over: Partial<DrillOptions>): DrillOptions => ({
  scenario: 'empty-backup-after-restart',
  seed: 3,
  speed: 600,
  stateDir: tmp(),
  print: () => {},
  offerResume: async () => 'resume',
  ...auto(),
  ...over,
});

describe('runDrill on the simulated rack', () => {
  it.each(['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart'] as const)(
    '%s: recovers to a healthy rack and reports step times, machine time, RTO and RPO',
    async (scenario) => {
      const started = Date.now();
      const dir = tmp();
      const { drill: d } = await runDrill(base({ scenario, stateDir: dir, report: join(dir, 'r.json') }));
      expect(d.outcome).toBe('done');
      expect(d.healthy, JSON.stringify(d.remaining)).toBe(true);
      expect(d.remaining).toEqual([]);
      expect(d.steps.every((s) => s.state === 'done' && typeof s.duration === 'number')).toBe(true);
      expect(d.rto).toBeGreaterThan(0);
      expect(d.rto).toBe(d.machineTime + d.operatorTime);
      expect(d.outage).toBeGreaterThan(d.rto ?? 0);
      expect(d.restored.length).toBeGreaterThan(0);
      for (const r of d.restored) expect(r.rpo).toBeGreaterThanOrEqual(0);
      expect(d.notRestored).toEqual([]);
      const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(json.scenario).toBe(scenario);
      expect(json.recovery.rtoMs).toBe(d.rto);
      expect(json.recovery.machineTimeMs).toBe(d.machineTime);
      expect(Date.now() - started).toBeLessThan(15_000);
    },
    20_000,
  );

  it('empty-backup-after-restart restores the last good version, not the newest', async () => {
    const { drill: d } = await runDrill(base({}));
    const [metalDb] = d.restored;
    expect(metalDb?.component).toBe('initial-metal-db');
    expect(metalDb?.newest).toBe(false);
    expect(metalDb?.skipped.length).toBeGreaterThan(0);
    expect(metalDb?.skipped.every((s) => s.flags.includes('much-smaller'))).toBe(true);
    // The last good version was taken before the incident: some minutes of data lost, not hours.
    expect(metalDb?.rpo).toBeGreaterThan(0);
    expect(metalDb?.rpo).toBeLessThan(10 * 60_000);
  });

  it('an operator who cancels at the typed confirmation ends the drill unhealthy with nothing restored', async () => {
    const interaction: Interaction = {
      answeredBy: 'human',
      confirmStep: async () => 'run',
      confirmTyped: async () => undefined,
      chooseVersion: async (_s, offer) => ({ versionId: offer.verdict.proposal?.version.versionId ?? '', typed: 'not the right text' }),
      onFailure: async () => 'abort',
    };
    const { drill: d, run } = await runDrill(base({ interaction }));
    expect(d.outcome).toBe('cancelled');
    expect(d.healthy).toBe(false);
    expect(d.rto).toBeUndefined();
    expect(d.restored).toEqual([]);
    expect(d.notRestored).toEqual(['initial-metal-db']);
    // The fence is still in place, and the run says so.
    expect(run.stillChanged.map((c) => c.what)).toEqual(['metal-db (initial metal-stack) is STILL STOPPED, and its backups with it']);
  });

  it('an operator who takes 200 ms at every prompt costs no machine time: the simulated clock stands still meanwhile', async () => {
    const slow: Interaction = {
      answeredBy: 'human',
      confirmStep: () => new Promise((r) => setTimeout(() => r('run'), 200)),
      confirmTyped: async () => undefined,
      chooseVersion: (_s, offer) =>
        new Promise((r) => {
          const p = offer.verdict.proposal;
          setTimeout(() => r(p ? { versionId: p.version.versionId, typed: confirmationText(offer.component, p) } : undefined), 200);
        }),
      onFailure: async () => 'abort',
    };
    const fast = await runDrill(base({ speed: 300 }));
    const human = await runDrill(base({ speed: 300, interaction: slow }));
    expect(human.drill.outcome).toBe('done');
    // 200 ms at 300x would be a minute of rack time per prompt if the clock ran on.
    expect(Math.abs(human.drill.machineTime - fast.drill.machineTime)).toBeLessThan(0.1 * fast.drill.machineTime);
    expect(human.drill.operatorTime).toBeGreaterThanOrEqual(200 * human.drill.steps.length);
    expect(fast.drill.operatorTime).toBe(0);
  }, 20_000);
});
