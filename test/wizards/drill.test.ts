import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDrill } from '../../src/wizards/drill/drill';
import type { Interaction } from '../../src/wizards/engine/types';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'rackpilot-drill-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('runDrill on the simulated rack', () => {
  it.each(['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart'] as const)(
    '%s: recovers to a healthy rack and reports step times, RTO and RPO',
    async (scenario) => {
      const started = Date.now();
      const dir = tmp();
      const d = await runDrill({ scenario, auto: true, stateDir: dir, speed: 600, seed: 3, report: join(dir, 'r.json') });
      expect(d.outcome).toBe('done');
      expect(d.healthy, JSON.stringify(d.remaining)).toBe(true);
      expect(d.remaining).toEqual([]);
      expect(d.steps.every((s) => s.state === 'done' && typeof s.duration === 'number')).toBe(true);
      expect(d.rto).toBeGreaterThan(0);
      expect(d.outage).toBeGreaterThan(d.rto ?? 0);
      expect(d.restored.length).toBeGreaterThan(0);
      for (const r of d.restored) expect(r.rpo).toBeGreaterThanOrEqual(0);
      expect(d.notRestored).toEqual([]);
      const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(json.scenario).toBe(scenario);
      expect(json.recovery.rtoMs).toBe(d.rto);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
    15_000,
  );

  it('empty-backup-after-restart restores the last good version, not the newest', async () => {
    const d = await runDrill({ scenario: 'empty-backup-after-restart', auto: true, stateDir: tmp(), speed: 600 });
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
      confirmStep: async () => 'run',
      ask: async (q, _ctx, offer) => (q.kind === 'choose-version' ? offer.preselected : 'not the right text'),
      onFailure: async () => 'abort',
    };
    const d = await runDrill({ scenario: 'empty-backup-after-restart', auto: false, interaction, stateDir: tmp(), speed: 600 });
    expect(d.outcome).toBe('cancelled');
    expect(d.healthy).toBe(false);
    expect(d.rto).toBeUndefined();
    expect(d.restored).toEqual([]);
    expect(d.notRestored).toEqual(['initial-metal-db']);
  });
});
