import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/* Where rackpilot keeps what must survive a crash: run journals, locks, the audit log. */

/** `$XDG_STATE_HOME/rackpilot`, with XDG_STATE_HOME defaulting to ~/.local/state. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME?.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'rackpilot');
}

export function defaultRunsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultStateDir(env), 'runs');
}

/** Writes a temp file beside the target, fsyncs it and renames it over: readers see the old or the new file, never half. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (error) {
    unlinkSync(tmp);
    throw error;
  }
}
