import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRunsDir, findResumable, Journal } from '../../src/wizards/engine/journal';
import { T0 } from '../fixtures/snapshot-builder';
import { tmpState } from './helpers';
import { setup } from './setup';

const init = (over: Partial<Parameters<typeof Journal.create>[1]> = {}) => ({
  runbookId: 'tiny-restore',
  rack: 'mini-rack',
  operator: 'ops@test',
  startedAt: T0,
  ...over,
});

describe('the run journal', () => {
  it('lives in $XDG_STATE_HOME/rackpilot/runs, or ~/.local/state/rackpilot/runs without it', () => {
    expect(defaultRunsDir({ XDG_STATE_HOME: '/var/state' })).toBe('/var/state/rackpilot/runs');
    expect(defaultRunsDir({})).toBe(join(homedir(), '.local/state/rackpilot/runs'));
    // The XDG spec says relative paths are invalid and must be ignored.
    expect(defaultRunsDir({ XDG_STATE_HOME: 'relative' })).toBe(join(homedir(), '.local/state/rackpilot/runs'));
  });

  it('is valid JSON after every change of a run, and no temp file is left behind', async () => {
    const dir = tmpState();
    const journal = Journal.create(dir, init());
    const seen: string[] = [];
    const check = () => {
      const data = JSON.parse(readFileSync(journal.file as string, 'utf8'));
      seen.push(data.steps.map((s: { state: string }) => s.state).join(','));
    };
    const { run, executor } = setup({ journal, onEvent: check });
    executor.onRun = check;
    const result = await run();
    expect(result.state).toBe('done');
    expect(seen.length).toBeGreaterThan(15);
    expect(seen).toContain('done,running,pending');
    expect(readdirSync(dir)).toEqual([`${result.runId}.json`]);
    const final = JSON.parse(readFileSync(journal.file as string, 'utf8'));
    expect(final).toMatchObject({ runId: result.runId, runbookId: 'tiny-restore', rack: 'mini-rack', operator: 'ops@test', state: 'done' });
    expect(final.choices).toEqual(result.choices);
    expect(final.steps[1].actions.map((a: { id: string; state: string }) => `${a.id}:${a.state}`)).toEqual(['download:done', 'restore:done', 'note:done']);
  });

  it('is replaced by a rename on every write, never rewritten in place', () => {
    const journal = Journal.create(tmpState(), init());
    const file = journal.file as string;
    const before = statSync(file).ino;
    journal.update((d) => {
      d.params.note = 'v1';
    });
    expect(statSync(file).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(file, 'utf8')).params).toEqual({ note: 'v1' });
  });

  it('finds the newest unfinished run of this runbook on this rack to resume', () => {
    const dir = tmpState();
    const older = Journal.create(dir, init({ startedAt: T0 }));
    const newer = Journal.create(dir, init({ startedAt: T0 + 1000 }));
    const finished = Journal.create(dir, init({ startedAt: T0 + 2000 }));
    finished.update((d) => {
      d.state = 'done';
    });
    Journal.create(dir, init({ startedAt: T0 + 3000, rack: 'other-rack' }));
    Journal.create(dir, init({ startedAt: T0 + 4000, runbookId: 'bootstrap' }));
    writeFileSync(join(dir, 'broken.json'), '{"half');
    const found = findResumable(dir, 'mini-rack', 'tiny-restore');
    expect(found?.data.runId).toBe(newer.data.runId);
    expect(found?.resumed).toBe(true);
    expect(older.data.runId < newer.data.runId).toBe(true);
  });

  it('finds nothing to resume in a directory that does not exist yet', () => {
    expect(findResumable(join(tmpState(), 'nope'), 'mini-rack', 'tiny-restore')).toBeUndefined();
  });

  it('a run that already ended cannot be continued', async () => {
    const journal = Journal.create(tmpState(), init());
    journal.update((d) => {
      d.state = 'aborted';
    });
    const { options } = setup({ journal });
    const { runRunbook } = await import('../../src/wizards/engine/runner');
    await expect(runRunbook(options)).rejects.toThrow(/already ended \(aborted\)/);
  });
});

describe('text read back from the state directory', () => {
  it('is shown with escape and control characters made visible (a damaged or planted journal cannot drive the terminal)', () => {
    const journal = Journal.create(tmpState(), init());
    journal.update((d) => {
      d.steps.push({ id: 'fence', title: 'Fence\u001b[2J', state: 'done', actions: [{ id: 'stop', description: 'stop\nCRIT forged', destructive: true, state: 'done' }] });
    });
    const loaded = Journal.load(journal.file as string);
    expect(loaded.data.steps[0]?.title).toBe('Fence\\x1b[2J');
    expect(loaded.data.steps[0]?.actions[0]?.description).toBe('stop\\nCRIT forged');
  });

  it('refuses a journal whose undo call is not a call the summary can show, naming where', () => {
    const journal = Journal.create(tmpState(), init());
    journal.update((d) => {
      d.steps.push({ id: 'fence', title: 'Fence', state: 'done', actions: [{ id: 'stop', description: 'stop', destructive: false, state: 'done', undo: { what: 'stopped', calls: [{ kind: 'command' } as never] } }] });
    });
    expect(() => Journal.load(journal.file as string)).toThrow(/cannot be used: steps\.0\.actions\.0\.undo\.calls\.0\.argv/);
  });
});
