import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXIT_CODE, RackpilotError } from '../../errors';
import { visibleText } from '../../text/visible-text';

/* Where rackpilot keeps what must survive a crash: run journals, locks, the audit log. */

/** `$XDG_STATE_HOME/rackpilot`, with XDG_STATE_HOME defaulting to ~/.local/state. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME?.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'rackpilot');
}

export function defaultRunsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultStateDir(env), 'runs');
}

const REASONS: Readonly<Record<string, string>> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'a directory is in the way',
  ENOENT: 'a part of the path does not exist',
};

/**
 * The state directory cannot be written. A run that cannot journal or audit is not safe to start or to go on
 * with, so this ends it with its own exit code and a plain reason instead of "internal error".
 */
export class StateDirError extends RackpilotError {
  constructor(path: string, error: unknown) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
    super(`cannot write ${path}: ${REASONS[code] ?? (error instanceof Error ? error.message : String(error))}`, {
      exitCode: EXIT_CODE.stateDir,
      hint: 'journals, locks and the audit log keep a run safe to resume: free space there, or point XDG_STATE_HOME at a writable directory',
      cause: error,
    });
  }
}

/** Expected file-system conditions become a StateDirError; anything else is rethrown as it is. */
export function asStateDirError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && code in REASONS ? new StateDirError(path, error) : error;
}

export function ensureStateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw asStateDirError(dir, whyNotCreated(dir, error));
  }
}

/**
 * A recursive mkdir on a read-only file system reports ENOENT for the first missing part, which reads as "the
 * path is wrong". The nearest existing parent says what is really wrong (read-only, no permission).
 */
function whyNotCreated(dir: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    try {
      accessSync(parent, constants.F_OK);
    } catch {
      continue;
    }
    try {
      accessSync(parent, constants.W_OK);
    } catch (denied) {
      return denied;
    }
    // Writable but the mkdir still failed: probe it, so the real reason shows.
    try {
      mkdirSync(join(parent, `.rackpilot-probe-${process.pid}`));
      rmdirSync(join(parent, `.rackpilot-probe-${process.pid}`));
    } catch (probe) {
      return probe;
    }
    return error;
  }
  return error;
}

/** Temp files of this process: with its pid, a name no other writer uses (node:crypto costs start-up ~3 ms to load). */
let tmpFiles = 0;

/** Writes a temp file beside the target, fsyncs it and renames it over: readers see the old or the new file, never half. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${++tmpFiles}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    // A full disk fails the write half way: never leave the half-written temp file behind.
    try {
      unlinkSync(tmp);
    } catch {
      // It was never created, or the rename already moved it.
    }
    throw asStateDirError(file, error);
  }
}

/** Removes `*.tmp` leftovers of writes that a killed process never finished (their pid is gone). */
export function removeLeftoverTemps(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const m = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already, or not ours to remove: harmless either way.
    }
  }
}

/**
 * A JSON.parse reviver for the files of the state directory (journals, locks, the audit log): their text is shown
 * to the operator, and a damaged or planted file must not be able to drive the terminal.
 */
export function visibleStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? visibleText(value) : value;
}

/** Whether a local process exists; pids below 1 name no single process (kill(0) and kill(-1) address groups). */
export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid < 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
