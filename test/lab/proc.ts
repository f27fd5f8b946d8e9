/** Process helpers for the lab: argv-only execution, bounded waits, daemons the harness owns by pid. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, or the error's text when the program could not run or timed out. */
  readonly error?: string;
}

/** Runs a program with an argv array (never a shell); never rejects, so callers decide what a failure means. */
export function run(
  file: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    try {
      execFile(
        file,
        args,
        { timeout: options.timeoutMs ?? 30_000, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const message = error ? `${error.message}`.trim() : undefined;
          resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr), ...(message ? { error: message } : {}) });
        },
      );
    } catch (error) {
      // Some failures throw instead of calling back (e.g. ENOTDIR: a path through a regular file).
      resolve({ ok: false, stdout: '', stderr: '', error: `${(error as Error).message}` });
    }
  });
}

/** Like run, but a failure throws with the command and its stderr, for steps that must work. */
export async function must(file: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const r = await run(file, args, timeoutMs === undefined ? {} : { timeoutMs });
  if (!r.ok) throw new Error(`${[file, ...args].join(' ')} failed: ${r.stderr.trim() || r.error}`);
  return r.stdout;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The last lines of a log file, for error messages ("" when it does not exist). */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Polls `check` every 100 ms until it is true; after `timeoutMs` throws an error naming `what`, with the tail of
 * `logFile` so a failed start explains itself.
 */
export async function waitFor(
  what: string | (() => string),
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      const log = logFile ? tail(logFile) : '';
      const name = typeof what === 'string' ? what : what();
      throw new Error(`${name} not within ${timeoutMs} ms${log ? `; tail of ${logFile}:\n${log}` : ''}`);
    }
    await sleep(100);
  }
}

/** A long-running process the lab started in the foreground, so its pid is known and Node reaps it. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<void>;
  alive(): boolean;
}

/**
 * Starts `file args` detached (own session, like setsid) with stdout/stderr appended to `logFile`. Only the three
 * stdio fds are passed on, so no descriptor of the test process leaks into a daemon.
 */
export async function spawnDaemon(
  name: string,
  file: string,
  args: readonly string[],
  logFile: string,
): Promise<Daemon> {
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(file, args, { detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(new Error(`${name}: cannot start ${file}: ${e.message}`)));
  });
  // The daemons must not keep the test process alive, nor die with it before stop() runs.
  child.unref();
  const pid = child.pid as number;
  return {
    name,
    pid,
    logFile,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM to all at once (one by one with waits took 24 s in the recipe), then SIGKILL whatever is still alive
 * after `graceMs`. Resolves once every daemon has exited or the SIGKILL wait ran out.
 */
export async function stopDaemons(daemons: readonly Daemon[], graceMs = 3_000): Promise<void> {
  const live = daemons.filter((d) => d.alive());
  for (const d of live) signal(d.pid, 'SIGTERM');
  const all = Promise.all(live.map((d) => d.exited));
  await Promise.race([all, sleep(graceMs)]);
  const stubborn = live.filter((d) => d.alive());
  for (const d of stubborn) signal(d.pid, 'SIGKILL');
  await Promise.race([Promise.all(stubborn.map((d) => d.exited)), sleep(2_000)]);
}

/** Ports free right now on 127.0.0.1, all held open together so the kernel hands out distinct ones. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<typeof server>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** The repository's root: the nearest folder up from `moduleUrl` holding package.json (also from a bundle in dist/). */
export function repoRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
