import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODE, RackpilotError } from '../../errors';
import { asStateDirError, defaultStateDir, ensureStateDir, isAlive as processAlive, visibleStrings } from './state-files';

/**
 * One recovery at a time per rack: two operators restoring the same database at once is how data gets lost.
 * The lock is a file created with O_EXCL, so exactly one process wins even when both start at the same moment.
 */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly operator: string;
  readonly runId: string;
  /** ISO time the lock was taken. */
  readonly since: string;
}

export interface Lock {
  readonly file: string;
  readonly info: LockInfo;
  /** Set when a stale lock (its process gone) was taken over: tell the operator whose run died. */
  readonly takenOver?: LockInfo | { readonly unreadable: true };
  release(): void;
}

export interface AcquireLockOptions {
  readonly rack: string;
  readonly operator: string;
  readonly runId: string;
  /** @default defaultStateDir() */
  readonly stateDir?: string;
  /** Wall-clock time for `since`. @default Date.now */
  readonly now?: () => number;
}

export class LockHeldError extends RackpilotError {
  constructor(
    readonly rack: string,
    readonly holder: LockInfo,
    readonly file: string,
  ) {
    super(`rack ${rack} is locked: another run is going on (${holder.operator}, pid ${holder.pid} on ${holder.host}, run ${holder.runId}, since ${holder.since})`, {
      exitCode: EXIT_CODE.locked,
      hint: `wait for that run to finish, or talk to ${holder.operator}; if that process is certainly dead, remove ${file}`,
    });
  }
}

export function lockFile(stateDir: string, rack: string): string {
  // Rack names come from config; keep them from escaping the locks directory.
  return join(stateDir, 'locks', `${rack.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

export function acquireLock(options: AcquireLockOptions): Lock {
  const stateDir = options.stateDir ?? defaultStateDir();
  const file = lockFile(stateDir, options.rack);
  ensureStateDir(join(stateDir, 'locks'));
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    operator: options.operator,
    runId: options.runId,
    since: new Date((options.now ?? Date.now)()).toISOString(),
  };
  let takenOver: Lock['takenOver'];
  // Two tries: the second only after removing a stale lock; losing that race to another taker is a held lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, info)) return makeLock(file, info, takenOver);
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isAlive(holder)) throw new LockHeldError(options.rack, holder, file);
    if (attempt === 1) break;
    takenOver = holder === 'unreadable' ? { unreadable: true } : holder;
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first; the next exclusive create decides who wins.
    }
  }
  const holder = readHolder(file);
  if (holder !== 'gone' && holder !== 'unreadable') throw new LockHeldError(options.rack, holder, file);
  throw new RackpilotError(`could not take the lock ${file}`, { exitCode: EXIT_CODE.locked, hint: 'another rackpilot is starting a run on this rack; try again' });
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asStateDirError(file, error);
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } catch (error) {
    // A full disk: take back the empty lock file rather than leave a lock nobody holds.
    closeSync(fd);
    try {
      unlinkSync(file);
    } catch {
      // Nothing more to take back; the write error says what happened.
    }
    throw asStateDirError(file, error);
  }
  closeSync(fd);
  return true;
}

function readHolder(file: string): LockInfo | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const info = JSON.parse(text, visibleStrings) as LockInfo;
    // A pid below 1 names no single process (kill(0) and kill(-1) address groups and always succeed): not a holder.
    return Number.isSafeInteger(info.pid) && info.pid > 0 && typeof info.host === 'string' ? info : 'unreadable';
  } catch {
    // A process killed between the exclusive create and the write leaves an empty file.
    return 'unreadable';
  }
}

/** A lock from another host cannot be checked from here, so it counts as alive. */
function isAlive(holder: LockInfo): boolean {
  if (holder.host !== hostname()) return true;
  return processAlive(holder.pid);
}

function makeLock(file: string, info: LockInfo, takenOver: Lock['takenOver']): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only remove our own lock: after a takeover by someone else the file is theirs.
    const holder = readHolder(file);
    if (holder !== 'gone' && holder !== 'unreadable' && holder.pid === info.pid && holder.runId === info.runId) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    }
  };
  // A normal exit without release (an uncaught error in the caller) still frees the rack.
  process.on('exit', release);
  return { file, info, ...(takenOver ? { takenOver } : {}), release };
}

/** Holds the rack lock while fn runs and releases it however fn ends. */
export async function withRackLock<T>(options: AcquireLockOptions, fn: (lock: Lock) => Promise<T>): Promise<T> {
  const lock = acquireLock(options);
  try {
    return await fn(lock);
  } finally {
    lock.release();
  }
}
