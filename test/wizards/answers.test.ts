import { describe, expect, it } from 'vitest';
import { backupOf, healthySnapshot, T0, withBackup, withIncident } from '../fixtures/snapshot-builder';
import { newestVersion } from './helpers';
import { setup } from './setup';

describe('answers that end the run before anything is restored', () => {
  it('a typed confirmation that does not match cancels the run: the restore never runs, what was typed is not kept', async () => {
    const { run, executor, audit } = setup({}, { typed: { 'metal-db': () => 'metal-db yes ghp_secrettoken123' } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toMatch(/^the typed confirmation did not match "metal-db v\d{3}-dbt": nothing was restored$/);
    expect(executor.ran).toEqual(['pause']);
    expect(result.steps.map((s) => s.state)).toEqual(['done', 'pending', 'pending']);
    expect(audit.entries.some((e) => e.event === 'answer' && e.outcome === 'cancelled')).toBe(true);
    // The audit log says the confirmation failed, never what was typed (it could be a pasted token).
    expect(JSON.stringify(audit.entries)).not.toContain('ghp_secrettoken123');
    expect(JSON.stringify(audit.entries)).not.toContain('metal-db yes');
  });

  it('no answer (the operator cancelled the choice) cancels the run: nothing destructive ran', async () => {
    const { run, executor, log } = setup({}, { versions: { 'metal-db': () => undefined } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('no version of metal-db was chosen: nothing was restored');
    expect(log.asked).toEqual(['metal-db']);
    expect(executor.ran).not.toContain('restore');
  });

  it('a version that is not in the bucket cancels the run', async () => {
    const { run, executor } = setup({}, { versions: { 'metal-db': () => 'made-up-version' } });
    const result = await run();
    expect(result.state).toBe('cancelled');
    expect(result.reason).toBe('metal-db has no version made-up-version: nothing was restored');
    expect(executor.ran).not.toContain('restore');
  });

  it('a whitespace-padded typed confirmation is still the same answer', async () => {
    const { run } = setup({}, { typed: { 'metal-db': (expected) => ` ${expected}\n` } });
    expect((await run()).state).toBe('done');
  });
});

describe('the version offer', () => {
  it('after an incident, never proposes the empty version uploaded after it but the last good one', async () => {
    const base = healthySnapshot();
    const versions = backupOf(base, 'metal-db').versions;
    const empty = { ...versions[0], versionId: 'empty-after-restart', size: 2_000, time: T0 - 10_000 } as (typeof versions)[number];
    const snap = withIncident(withBackup(base, 'metal-db', { versions: [empty, ...versions] }), { startedAt: T0 - 30_000, label: 'test' });
    const { run, log, events } = setup({}, {}, snap);
    const result = await run();
    const offer = log.offers['metal-db'];
    expect(offer?.verdict.versions[0]?.flags).toEqual(['much-smaller', 'after-incident']);
    // The version right before the empty one, taken before the incident, is the one to restore.
    expect(offer?.verdict.proposal?.version.versionId).toBe(versions[0]?.versionId);
    expect(result.choices.restore?.versionId).toBe(versions[0]?.versionId);
    expect(result.choices.restore?.proposed).toBe(versions[0]?.versionId);
    // The run's events carry what was offered and what was chosen: nothing has to be recomputed.
    expect(events.find((e) => e.type === 'question')).toMatchObject({ stepId: 'restore', offer: { component: { id: 'metal-db' } } });
    expect(events.find((e) => e.type === 'answer')).toMatchObject({ stepId: 'restore', choice: { versionId: versions[0]?.versionId, flags: [] } });
  });

  it('choosing a flagged version needs the override word, and the audit log records the override', async () => {
    const base = healthySnapshot();
    const versions = backupOf(base, 'metal-db').versions;
    const empty = { ...versions[0], versionId: 'empty-after-restart', size: 2_000, time: T0 - 10_000 } as (typeof versions)[number];
    const snap = withBackup(base, 'metal-db', { versions: [empty, ...versions] });
    const plain = setup({}, { versions: { 'metal-db': () => 'empty-after-restart' }, typed: { 'metal-db': () => 'metal-db empty-af' } }, snap);
    expect((await plain.run()).state).toBe('cancelled');
    const { run, audit } = setup({}, { versions: { 'metal-db': () => 'empty-after-restart' } }, snap);
    const result = await run();
    expect(result.state).toBe('done');
    expect(result.choices.restore).toMatchObject({ versionId: 'empty-after-restart', flags: ['much-smaller'], proposed: versions[0]?.versionId });
    const answer = audit.entries.find((e) => e.event === 'answer' && e.outcome === 'confirmed');
    expect(answer?.detail).toMatch(/OVERRIDE: chosen although flagged much-smaller/);
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

  it('keeps the newest version of a healthy component as the proposal', async () => {
    const { run, log } = setup();
    await run();
    expect(log.offers['metal-db']?.verdict.proposal?.version.versionId).toBe(newestVersion(healthySnapshot()));
  });
});
