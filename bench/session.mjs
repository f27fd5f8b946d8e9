// Runs rackpilot in a pseudo-terminal made by util-linux `script` (Debian: bsdutils, an Essential package), so no
// native module is needed. Every output chunk is timestamped with the monotonic clock on arrival.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FrameParser } from './terminal.mjs';

const now = () => performance.now();

/** Single-quotes a string for /bin/sh. */
const sh = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

export function checkScript() {
  const r = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0 || !/util-linux/.test(r.stdout)) {
    throw new Error('`script` from util-linux is needed for the pseudo-terminal (Debian/Ubuntu: apt-get install bsdutils)');
  }
  return r.stdout.trim();
}

export class TuiSession {
  /**
   * @param {{ node: string, entry: string, args: string[], cols: number, rows: number, cwd: string, env?: Record<string, string> }} o
   */
  constructor(o) {
    this.o = o;
    /** @type {import('./terminal.mjs').Frame[]} */
    this.frames = [];
    /** Every chunk: [arrival ms, bytes]. */
    this.chunks = [];
    this.waiters = new Set();
    this.exited = false;
    this.parser = new FrameParser(o.rows, (f) => {
      this.frames.push(f);
      for (const w of [...this.waiters]) w();
    });
  }

  /** Spawns the program; returns the spawn time (ms, same clock as frames). */
  start() {
    const { node, entry, args, cols, rows, cwd, env: extraEnv } = this.o;
    // The pty starts 0x0: size it before exec, so node is the direct child of `script` and sees cols x rows.
    const cmd = `stty cols ${cols} rows ${rows} && exec ${[node, entry, ...args].map(sh).join(' ')}`;
    const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', COLUMNS: String(cols), LINES: String(rows) };
    for (const k of Object.keys(env)) {
      if (k.startsWith('RACKPILOT_') || ['CI', 'NO_COLOR', 'FORCE_COLOR', 'LC_ALL', 'LC_CTYPE'].includes(k)) delete env[k];
    }
    // An empty config dir, so a developer's own config cannot change what is measured.
    env.XDG_CONFIG_HOME = '/nonexistent-rackpilot-bench';
    Object.assign(env, extraEnv);
    this.spawnedAt = now();
    this.child = spawn('script', ['-q', '-f', '-e', '-c', cmd, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (b) => {
      const t = now();
      this.chunks.push([t, b.length]);
      this.parser.feed(b, t);
    });
    this.stderr = '';
    this.child.stderr.on('data', (b) => {
      this.stderr += b.toString();
    });
    this.child.on('exit', (code, signal) => {
      this.exitedAt = now();
      this.exited = true;
      this.exitCode = code ?? signal;
      for (const w of [...this.waiters]) w();
    });
    this.child.on('error', (e) => {
      this.error = e;
      this.exited = true;
      for (const w of [...this.waiters]) w();
    });
    return this.spawnedAt;
  }

  /** Writes keys to the terminal; returns the time they were handed to the pty. */
  send(keys) {
    const t = now();
    this.child.stdin.write(keys);
    return t;
  }

  /**
   * The first frame at or after index `from` for which pred holds; rejects after timeoutMs.
   * @returns {Promise<import('./terminal.mjs').Frame & { index: number }>}
   */
  waitFrame(pred, timeoutMs, what, from = 0) {
    let i = from;
    return this.#until(
      (resolve, reject) => {
        for (; i < this.frames.length; i++) {
          const f = this.frames[i];
          if (pred(f)) return resolve({ ...f, index: i });
        }
        if (this.exited) reject(new Error(`rackpilot exited (${this.exitCode}) while waiting for ${what}: ${this.stderr.slice(-500)}`));
      },
      timeoutMs,
      () => new Error(`no frame ${what} within ${timeoutMs} ms (${this.frames.length} frames so far)`),
    );
  }

  /** Resolves with the time the program (and `script`) exited; rejects after timeoutMs. */
  waitExit(timeoutMs) {
    return this.#until(
      (resolve) => {
        if (this.exited) resolve(this.exitedAt);
      },
      timeoutMs,
      () => new Error(`${this.o.entry} did not exit within ${timeoutMs} ms`),
    );
  }

  /** Runs `check` now and on every new frame or exit until it settles; rejects with `late()` after timeoutMs. */
  #until(check, timeoutMs, late) {
    return new Promise((resolve, reject) => {
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        this.waiters.delete(run);
        fn(value);
      };
      const run = () => check(settle(resolve), settle(reject));
      const timer = setTimeout(() => settle(reject)(late()), timeoutMs);
      this.waiters.add(run);
      run();
    });
  }

  /** Sends keys and waits for the first frame that starts after them and satisfies pred; returns its latency. */
  async press(keys, pred, what, timeoutMs = 3000) {
    const from = this.frames.length;
    const t = this.send(keys);
    const f = await this.waitFrame((fr) => fr.start >= t && pred(fr), timeoutMs, what, from);
    return { latency: f.end - t, frame: f };
  }

  /** Bytes that arrived in [from, to). */
  bytesBetween(from, to) {
    let n = 0;
    for (const [t, len] of this.chunks) if (t >= from && t < to) n += len;
    return n;
  }

  /** The node process: `script`'s child (the shell exec'd into node). */
  nodePid() {
    if (this.pid) return this.pid;
    const pid = this.child.pid;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) {
      const cmdline = readFileSync(`/proc/${c}/cmdline`, 'utf8');
      if (cmdline.includes(this.o.entry)) {
        this.pid = Number(c);
        return this.pid;
      }
    }
    throw new Error(`no rackpilot process under script (pid ${pid})`);
  }

  /** User + system CPU time the node process has used so far, in ms (clock ticks of 10 ms). */
  cpuMs() {
    const fields = readFileSync(`/proc/${this.nodePid()}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Peak resident set of the node process in bytes (VmHWM). */
  peakRss() {
    const status = readFileSync(`/proc/${this.nodePid()}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (!m) throw new Error('no VmHWM in /proc status');
    return Number(m[1]) * 1024;
  }

  /** Quits with q; kills the processes if they do not go within the timeout. Never throws. */
  async close(timeoutMs = 5000) {
    if (!this.child || this.exited) return;
    try {
      this.child.stdin.write('q');
    } catch {
      // The pipe may already be gone.
    }
    const deadline = now() + timeoutMs;
    while (!this.exited && now() < deadline) await sleep(20);
    if (!this.exited) this.kill();
  }

  /** Kills node (by its pid) and `script`. */
  kill() {
    try {
      this.nodePid();
    } catch {
      // Not started or already gone: only `script` is left to kill.
    }
    for (const pid of [this.pid, this.child?.pid]) {
      if (!pid) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
