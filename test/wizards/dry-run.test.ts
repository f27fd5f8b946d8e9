import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findResumable, Journal } from '../../src/wizards/engine/journal';
import { T0 } from '../fixtures/snapshot-builder';
import { tinyRestore, tmpState } from './helpers';
import { setup } from './setup';

describe('a dry run', () => {
  it('shows every action marked as dry run, runs none and asks no step confirmation', async () => {
    const { run, executor, log, events } = setup({ dryRun: true });
    const result = await run();
    expect(result.state).toBe('done');
    expect(result.dryRun).toBe(true);
    // A plan never shows as progress: every step is planned, none done.
    expect(result.steps.map((s) => s.state)).toEqual(['planned', 'planned', 'planned']);
    expect(executor.ran).toEqual([]);
    expect(log.confirmed).toEqual([]);
    const shown = events.flatMap((e) => (e.type === 'action-start' ? [[e.action.id, e.dryRun]] : []));
    expect(shown).toEqual([
      ['pause', true],
      ['download', true],
      ['restore', true],
      ['note', true],
      ['resume', true],
    ]);
    expect(events.some((e) => e.type === 'action-end' || e.type === 'verify')).toBe(false);
    expect(result.steps.flatMap((s) => s.actions.map((a) => a.state))).toEqual(['planned', 'planned', 'planned', 'planned', 'planned']);
  });

  it('still asks the questions, so the plan names the exact version it would restore', async () => {
    const { run, log, events } = setup({ dryRun: true });
    const result = await run();
    expect(log.asked).toEqual(['metal-db']);
    const restore = events.find((e) => e.type === 'action-start' && e.action.id === 'restore');
    expect(restore?.type === 'action-start' && restore.action.description).toBe(`restore metal-db ${result.choices.restore?.versionId}`);
  });

  it('reports failing preconditions and goes on, so the whole plan is shown', async () => {
    const { run, log, events } = setup({ dryRun: true, runbook: tinyRestore({ fenceOk: () => false }) });
    const result = await run();
    expect(log.failures).toEqual([]);
    expect(events).toContainEqual({ type: 'precondition', stepId: 'fence', check: 'backup store reachable', result: { ok: false, detail: 'store unreachable' } });
    expect(result.state).toBe('done');
  });

  it('writes nothing to the run journal it was given and leaves nothing to resume', async () => {
    const dir = tmpState();
    const journal = Journal.create(dir, { runbookId: 'tiny-restore', rack: 'mini-rack', operator: 'ops@test', startedAt: T0 });
    const before = readFileSync(journal.file as string, 'utf8');
    const { run } = setup({ dryRun: true, journal });
    await run();
    expect(readFileSync(journal.file as string, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toHaveLength(1);
    // The untouched real run is still the one to resume, with nothing done.
    expect(findResumable(dir, 'mini-rack', 'tiny-restore')?.data.steps).toEqual([]);
  });

  it('audits the plan as a dry run', async () => {
    const { run, audit } = setup({ dryRun: true });
    await run();
    const planned = audit.entries.filter((e) => e.event === 'action-start');
    expect(planned).toHaveLength(5);
    expect(planned.every((e) => e.dryRun && e.outcome === 'planned')).toBe(true);
  });
});
