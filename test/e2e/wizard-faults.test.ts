import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';
import { auditEntries, journals, locks, wizard } from './wizard-run';

const dir = testDir('rackpilot-faults-');
const running = killedAfterEach();

const RECOVER = ['recover', '--scenario', 'empty-backup-after-restart', '--speed', '120'];
let n = 0;
const fresh = () => join(dir, `s${n++}`);

function run(args: readonly string[], state: string, input = '') {
  const r = spawnSync(process.execPath, ['bin/rackpilot', ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: freshConfigHome(), XDG_STATE_HOME: state },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The clear-data (delete the data directory: the destructive part of a restore) actions that finished, per run. */
const clears = (state: string) => auditEntries(state).filter((e) => e.event === 'action-end' && e.outcome === 'ok' && (e.effect as { op?: string } | undefined)?.op === 'clear-data');

/** A recovery killed (kill -9) right after its restore step finished: the journal records a done destructive action. */
async function killedAfterRestore(state: string): Promise<string> {
  const w = wizard(RECOVER, { HOME: dir, XDG_STATE_HOME: state }, { kind: 'step', nth: 4 });
  running.add(w.child);
  await w.reached('step', 4);
  w.child.kill('SIGKILL');
  await w.exited(5000);
  expect(clears(state)).toHaveLength(1);
  const runs = join(state, 'rackpilot', 'runs');
  const [file] = readdirSync(runs).filter((f) => f.endsWith('.json'));
  return join(runs, file as string);
}

describe('a second operator, a broken journal, an unwritable state directory (built program)', { timeout: 60_000 }, () => {
  it('two recover runs at once: the second exits 75 and names who holds the rack', async () => {
    const state = fresh();
    const first = wizard(RECOVER, { HOME: dir, XDG_STATE_HOME: state }, { kind: 'step', nth: 1 });
    running.add(first.child);
    await first.reached('step', 1);
    const second = run(RECOVER, state);
    expect(second.code).toBe(75);
    expect(second.stderr).toMatch(/^rackpilot: rack mini-rack is locked: another run is going on \(\S+@\S+, pid \d+ on \S+, run \S+, since 20\d\d-/m);
    expect(second.stderr).toMatch(/hint: wait for that run to finish/);
    expect(second.stderr).not.toMatch(/internal error/);
    first.child.kill('SIGINT');
    await first.exited(5000);
    expect(locks(state)).toEqual([]);
  });

  const corruptions: [string, (file: string) => void][] = [
    ['truncated', (f) => truncateSync(f, Math.floor(readFileSync(f).length / 2))],
    ['emptied', (f) => writeFileSync(f, '')],
    ['overwritten with text that is not JSON', (f) => writeFileSync(f, 'this is no journal\n')],
    ['given wrong types', (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"steps": [', '"steps": "x", "was": [').replace(/"operatorMs": \d+/, '"operatorMs": "soon"'))],
    ['given another format version', (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"format": 2', '"format": 1'))],
    [
      'replaced by a directory',
      (f) => {
        rmSync(f);
        mkdirSync(f);
      },
    ],
  ];

  it.each(corruptions)('the journal %s after a completed restore: the rerun refuses (65) and repeats nothing', async (_what, corrupt) => {
    const state = fresh();
    const file = await killedAfterRestore(state);
    corrupt(file);
    const again = run([...RECOVER, '--auto'], state);
    expect(again.code).toBe(65);
    expect(again.stderr).toMatch(/the journal of unfinished run \S+ cannot be read: .*: /);
    // It says which destructive actions the audit log records as done, so the operator knows what the rack went through.
    expect(again.stderr).toMatch(/it recorded as done: delete the data directory of metal-db \(initial metal-stack\)/);
    expect(again.stderr).toMatch(/hint: continue it from the audit log with --resume-from-audit, or start over with --fresh/);
    expect(again.stderr).not.toMatch(/internal error/);
    expect(clears(state)).toHaveLength(1);
    expect(locks(state)).toEqual([]);
  });

  it('--resume-from-audit continues the run from the audit log: the restore is not repeated and the rack ends healthy', async () => {
    const state = fresh();
    const file = await killedAfterRestore(state);
    writeFileSync(file, '{"half');
    const again = run([...RECOVER, '--auto', '--resume-from-audit'], state);
    expect(again.stdout).toMatch(/Rebuilt run \S+ from the audit log/);
    expect(again.stdout).toMatch(/Resuming run \S+ at step 4 /);
    expect(again.stdout).toMatch(/The rack is healthy/);
    expect(again.code).toBe(0);
    expect(clears(state)).toHaveLength(1);
    expect(readdirSync(join(state, 'rackpilot', 'runs')).some((f) => f.endsWith('.json.broken'))).toBe(true);
  });

  it('--fresh sets the broken journal aside and starts over, after the operator saw what it did', async () => {
    const state = fresh();
    const file = await killedAfterRestore(state);
    writeFileSync(file, '');
    const again = run([...RECOVER, '--auto', '--fresh'], state);
    expect(again.stdout).toMatch(/Set aside the unreadable journal of run \S+ \(it recorded as done: delete the data directory/);
    expect(again.code).toBe(0);
    expect(auditEntries(state).some((e) => e.event === 'run-end' && e.outcome === 'abandoned')).toBe(true);
  });

  it('a killed drill is offered for resuming like a recovery, and is resumed, not started over', async () => {
    const state = fresh();
    const drill = ['drill', '--scenario', 'empty-backup-after-restart', '--speed', '240'];
    const first = wizard(drill, { HOME: dir, XDG_STATE_HOME: state }, { kind: 'step', nth: 4 });
    running.add(first.child);
    await first.reached('step', 4);
    first.child.kill('SIGKILL');
    await first.exited(5000);
    const again = run([...drill, '--auto'], state);
    expect(again.stdout).toMatch(/An unfinished run of empty-backup-after-restart exists/);
    expect(again.stdout).toMatch(/Resuming run \S+ at step 4 /);
    expect(again.code).toBe(0);
    expect(clears(state)).toHaveLength(1);
    expect(journals(state).map((j) => j.state)).toEqual(['done']);
  });
});

/** A tmpfs mounted for the test (root only): read-only, or a few KB that fill up during a run. */
function tmpfs(options: string): string | undefined {
  const mount = mkdtempSync(join(tmpdir(), 'rackpilot-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mount]);
  return r.status === 0 ? mount : undefined;
}
const canMount = process.getuid?.() === 0 && (() => {
  const m = tmpfs('size=64k');
  if (!m) return false;
  spawnSync('umount', [m]);
  return true;
})();

describe.skipIf(!canMount)('an unwritable state directory (tmpfs; skipped: needs root to mount)', { timeout: 60_000 }, () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) spawnSync('umount', [m]);
  });

  it('read-only: a plain message naming the directory and exit 74, nothing started', () => {
    const m = tmpfs('ro,size=64k') as string;
    mounts.push(m);
    const r = run([...RECOVER, '--auto'], m);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(new RegExp(`cannot write ${m}/rackpilot.*: the file system is read-only`));
    expect(r.stderr).toMatch(/hint: .*XDG_STATE_HOME/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('full during a run: the run stops with exit 74 and no half-written temp file is left', () => {
    const m = tmpfs('size=16k') as string;
    mounts.push(m);
    const r = run([...RECOVER, '--auto'], m);
    expect(r.code).toBe(74);
    expect(`${r.stdout}${r.stderr}`).toMatch(/no space left on the device/);
    expect(r.stderr).not.toMatch(/internal error/);
    const runs = join(m, 'rackpilot', 'runs');
    expect(readdirSync(runs).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
