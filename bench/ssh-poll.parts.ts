/** The SSH poll benchmark's helpers: the fake switches' process, a recording shell, a clock that makes every switch due. */
import type { CommandResult, SshTarget, SwitchShell } from '../src/clients/ssh/types';
import { type Clock, systemClock } from '../src/clock';
import { describeError } from '../src/errors';
import { ServerProcess } from './server-process';
import type { ServerReply, ServerRequest } from './ssh-poll.protocol';

type StatsReply = Extract<ServerReply, { type: 'stats' }>;

/** The fake switches' process and its request/answer channel. */
export class SwitchServer extends ServerProcess<ServerRequest, ServerReply> {
  constructor(path: string) {
    super(path, 'the switch server');
  }

  stats(): Promise<StatsReply> {
    return this.ask({ type: 'stats' }, 'stats');
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

