import { describe, expect, it } from 'vitest';
import { backupOf, healthySnapshot, T0, withBackup, withIncident } from '../fixtures/snapshot-builder';
import { newestVersion } from './helpers';
import { setup } from './setup';

describe('answers that end the run before anything is restored', () => {
  it('a typed confirmation that does not match cancels the run: the restore never runs', async () => {
    const { run, executor, audit } = setup({}, { answers: { typed: 'metal-db yes' } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toMatch(/^typed: typed "metal-db yes", expected "metal-db v\d{3}-dbt"$/);
    expect(executor.ran).toEqual(['pause']);
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'pending', 'pending']);
    expect(audit.entries.some((e) => e.event === 'answer' && e.outcome === 'cancelled')).toBe(true);
  });

  it('no answer (the operator pressed Esc) cancels the run: nothing destructive ran', async () => {
    const { run, executor, log } = setup({}, { answers: { version: undefined } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('version: no answer given');
    expect(log.asked).toEqual(['version']);
    expect(executor.ran).not.toContain('restore');
  });

  it('a version that is not in the bucket cancels the run', async () => {
    const { run, executor } = setup({}, { answers: { version: 'made-up-version' } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('version: metal-db has no version made-up-version');
    expect(executor.ran).not.toContain('restore');
  });

  it('a whitespace-padded typed confirmation is still the same answer', async () => {
    const version = newestVersion(healthySnapshot());
    const { run } = setup({}, { answers: { typed: () => ` metal-db ${version.slice(0, 8)}\n` } });
    expect((await run()).state).toBe('done');
  });
});

describe('the version offer', () => {
  it('after an incident, never preselects the empty version uploaded after it but the last good one', async () => {
    const base = healthySnapshot();
    const versions = backupOf(base, 'metal-db').versions;
    const empty = { ...versions[0], versionId: 'empty-after-restart', size: 2_000, time: T0 - 10_000 } as (typeof versions)[number];
    const snap = withIncident(withBackup(base, 'metal-db', { versions: [empty, ...versions] }), { startedAt: T0 - 30_000, label: 'test' });
    const { run, log } = setup({}, {}, snap);
    const result = await run();
    expect(log.offers.version?.versions?.[0]?.flags).toEqual(['much-smaller', 'after-incident']);
    // The version right before the empty one, taken before the incident, is the one to restore.
    expect(log.offers.version?.preselected).toBe(versions[0]?.versionId);
    expect(result.answers.version).toBe(versions[0]?.versionId);
  });

  it('takes the incident start from the run parameters when the rack reports no incident', async () => {
    const base = healthySnapshot();
    const { run, log } = setup({ params: { incidentStart: new Date(T0 - 2 * 60_000).toISOString() } }, {}, base);
    await run();
    const offered = log.offers.version?.versions ?? [];
    // The newest version (1 min before T0) was taken after the incident start (2 min before T0).
    expect(offered[0]?.flags).toContain('after-incident');
    expect(log.offers.version?.preselected).toBe(offered[1]?.version.versionId);
  });

  it('a component missing from the rack data goes to the operator instead of offering nothing', async () => {
    const base = healthySnapshot();
    const snap = { ...base, backups: base.backups.filter((b) => b.id !== 'metal-db') };
    const { run, log, executor } = setup({}, { decisions: ['abort'] }, snap);
    const result = await run();
    expect(log.failures).toEqual(['backup component metal-db is not in the rack data']);
    expect(result.state).toBe('aborted');
    expect(executor.ran).toEqual(['pause']);
  });
});
