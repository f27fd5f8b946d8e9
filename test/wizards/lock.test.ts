import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockHeldError, lockFile, withRackLock } from '../../src/wizards/engine/lock';
import { tmpState } from './helpers';
import { setup } from './setup';

const opts = (stateDir: string, over: { operator?: string; runId?: string } = {}) => ({
  stateDir,
  rack: 'mini-rack',
  operator: over.operator ?? 'anna@laptop',
  runId: over.runId ?? 'run-1',
  now: () => Date.UTC(2026, 10, 25, 3, 0, 0),
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

function writeLock(stateDir: string, content: string): string {
  const file = lockFile(stateDir, 'mini-rack');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('one recovery at a time per rack', () => {
  it('a second run on the same rack is refused, naming who holds the lock and since when', () => {
    const dir = tmpState();
    const first = acquireLock(opts(dir));
    expect(JSON.parse(readFileSync(first.file, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), operator: 'anna@laptop', runId: 'run-1', since: '2026-11-25T03:00:00.000Z' });
    let error: unknown;
    try {
      acquireLock(opts(dir, { operator: 'ben@desk', runId: 'run-2' }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      message: `rack mini-rack is locked: another run is going on (anna@laptop, pid ${process.pid} on ${hostname()}, run run-1, since 2026-11-25T03:00:00.000Z)`,
      // Its own documented exit code: a held lock is an expected condition, not a bug (70).
      exitCode: 75,
      hint: expect.stringContaining('wait for that run to finish'),
    });
    first.release();
  });

  it('a lock naming pid 0, -1 or no pid is not a holder: it is taken over as stale', () => {
    for (const pid of [0, -1, 'x']) {
      const dir = tmpState();
      writeLock(dir, JSON.stringify({ pid, host: hostname(), operator: 'ghost', runId: 'old', since: 'then' }));
      const lock = acquireLock(opts(dir));
      expect(lock.takenOver).toEqual({ unreadable: true });
      lock.release();
    }
  });

  it('another rack can be recovered at the same time', () => {
    const dir = tmpState();
    const a = acquireLock(opts(dir));
    const b = acquireLock({ ...opts(dir), rack: 'rack-02' });
    expect(a.file).not.toBe(b.file);
    a.release();
    b.release();
  });

  it('after release the rack is free again', () => {
    const dir = tmpState();
    const lock = acquireLock(opts(dir));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireLock(opts(dir, { runId: 'run-2' })).release();
  });

  it('a lock left by a process that died is stale: it is taken over and the dead holder is reported', () => {
    const dir = tmpState();
    const pid = deadPid();
    writeLock(dir, JSON.stringify({ pid, host: hostname(), operator: 'carl@old', runId: 'run-0', since: '2026-11-24T01:00:00.000Z' }));
    const lock = acquireLock(opts(dir));
    expect(lock.takenOver).toEqual({ pid, host: hostname(), operator: 'carl@old', runId: 'run-0', since: '2026-11-24T01:00:00.000Z' });
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).runId).toBe('run-1');
    lock.release();
  });

  it('an empty lock file (killed right after creating it) is taken over too', () => {
    const dir = tmpState();
    writeLock(dir, '');
    const lock = acquireLock(opts(dir));
    expect(lock.takenOver).toEqual({ unreadable: true });
    lock.release();
  });

  it('a lock held on another host cannot be checked from here and counts as held', () => {
    const dir = tmpState();
    writeLock(dir, JSON.stringify({ pid: deadPid(), host: 'jumphost-2', operator: 'dora@jump', runId: 'run-9', since: '2026-11-25T02:00:00.000Z' }));
    const error = (() => {
      try {
        acquireLock(opts(dir));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).holder.operator).toBe('dora@jump');
    expect((error as LockHeldError).hint).toContain('remove');
  });

  it('names the holder with escape characters made visible (the lock file is read back from disk)', () => {
    const dir = tmpState();
    writeLock(dir, JSON.stringify({ pid: deadPid(), host: 'jumphost-2', operator: 'dora\u001b]0;owned\u0007', runId: 'run-9', since: '2026-11-25T02:00:00.000Z' }));
    expect(() => acquireLock(opts(dir))).toThrow(/dora\\x1b\]0;owned\\x07, pid/);
  });

  it('release does not remove a lock that someone else has taken over meanwhile', () => {
    const dir = tmpState();
    const lock = acquireLock(opts(dir));
    writeLock(dir, JSON.stringify({ pid: process.pid, host: hostname(), operator: 'ben@desk', runId: 'run-2', since: 'x' }));
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
  });

  it('is held during the whole run and released after it, also when the run aborts', async () => {
    const dir = tmpState();
    const file = lockFile(dir, 'mini-rack');
    const { run, executor } = setup({}, { decisions: ['abort'] });
    executor.failTimes.set('note', 1);
    const held: boolean[] = [];
    executor.onRun = () => held.push(existsSync(file));
    const result = await withRackLock(opts(dir), () => run());
    expect(result.state).toBe('aborted');
    expect(held).toEqual([true, true, true, true]);
    expect(existsSync(file)).toBe(false);
  });
});
