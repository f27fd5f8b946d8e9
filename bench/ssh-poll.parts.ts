/** The SSH poll benchmark's helpers: the fake switches' process, a recording shell, a clock that makes every switch due. */
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandResult, SshTarget, SwitchShell } from '../src/clients/ssh/types';
import { type Clock, systemClock } from '../src/clock';
import { describeError } from '../src/errors';
import type { ServerReply, ServerRequest } from './ssh-poll.protocol';

const log = (msg: string) => process.stderr.write(`bench ssh: ${msg}\n`);

type StatsReply = Extract<ServerReply, { type: 'stats' }>;

/** The fake switches' process and its request/answer channel. */
export class ServerProcess {
  private readonly child;
  private readonly waiting: ((reply: ServerReply) => void)[] = [];
  private exited = false;

  constructor(path: string) {
    // No inherited flags (--cpu-prof on the client must not profile the switches too).
    this.child = fork(path, [], { execPath: process.execPath, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: ServerReply) => this.waiting.shift()?.(reply));
    this.child.on('exit', (code) => {
      this.exited = true;
      if (this.waiting.length > 0) {
        log(`the switch server exited (code ${code}) while an answer was awaited`);
        process.exit(1);
      }
    });
  }

  /** Sends a request and waits for its answer (answers come in request order). */
  ask<T extends ServerReply['type']>(request: ServerRequest, type: T): Promise<Extract<ServerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply.type === type ? resolve(reply as Extract<ServerReply, { type: T }>) : reject(new Error(`expected ${type}, got ${reply.type}`))));
      this.child.send(request);
    });
  }

  stats(): Promise<StatsReply> {
    return this.ask({ type: 'stats' }, 'stats');
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'close' });
    await Promise.race([gone, sleep(3000)]);
    if (!this.exited) this.child.kill();
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }
}

/** Passes every call to the pool and records, per switch and command, how the call of this round ended and how long it took. */
export class RecordingShell implements SwitchShell {
  ended = new Map<string, { how: string; ms: number }>();

  constructor(readonly inner: SwitchShell) {}

  async run(target: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
    const key = `${target.name} ${argv[0]}`;
    // The round that started the call: a late answer does not count for the next one.
    const ended = this.ended;
    const t0 = performance.now();
    try {
      const result = await this.inner.run(target, argv, signal);
      ended.set(key, { how: result.code === 0 ? 'ok' : `exit ${result.code}: ${result.stderr.trim()}`, ms: performance.now() - t0 });
      return result;
    } catch (error) {
      ended.set(key, { how: describeError(error), ms: performance.now() - t0 });
      throw error;
    }
  }

  hostKey(target: SshTarget) {
    return this.inner.hostKey(target);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The wall clock, moved one interval ahead before each round: every switch is due, as on the store's schedule. */
export class BenchClock implements Clock {
  private offset = 0;
  now() {
    return Date.now() + this.offset;
  }
  setTimer(fn: () => void, ms: number) {
    return systemClock.setTimer(fn, ms);
  }
  tick(ms: number): void {
    this.offset += ms;
  }
}

