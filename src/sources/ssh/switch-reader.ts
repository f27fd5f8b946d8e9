/**
 * Runs one command on every configured switch that is due and keeps, per switch, the newest good answer and
 * the newest failure. Shared by the BGP and LLDP sources; it knows nothing of what the output means.
 */
import { withoutSwitchName } from '../../clients/ssh/errors';
import type { CommandResult, SwitchShell } from '../../clients/ssh/types';
import type { Clock } from '../../clock';
import type { SwitchConfig } from '../../config/switches';
import { describeError, SourceError } from '../../errors';
import type { Vanished } from '../../model/bgp';
import { type EpochMs, type Millis, SECOND } from '../../model/time';
import { untilAborted, waitFor } from '../../abortable';
import { judgeResult } from './command-result';

export interface SwitchRead<T> {
  readonly sw: SwitchConfig;
  /** The newest successful read and when the switch gave it. Kept while later reads fail. */
  readonly good?: { readonly value: T; readonly at: EpochMs };
  /** Why the newest read failed; absent when it succeeded. */
  readonly error?: string;
  /**
   * Where the newest read failed: `ssh` (no connection, host key, no answer in time) or `command` (the switch
   * answered over SSH, but the command failed: vtysh without bgpd, lldpd down) or `output` (it printed what does not
   * parse).
   */
  readonly failure?: 'ssh' | 'command' | 'output';
  /** The newest good read has no items where an earlier good read had some (see SwitchReaderOptions.count). */
  readonly vanished?: Vanished;
}

export interface SwitchReaderOptions<T> {
  readonly switches: readonly SwitchConfig[];
  readonly shell: SwitchShell;
  readonly clock: Clock;
  readonly command: (sw: SwitchConfig) => readonly string[];
  /** Throws a SourceError with a one-line message when the output is not what the command should print. */
  readonly parse: (stdout: string, sw: SwitchConfig, now: EpochMs) => T;
  /** How many items (sessions, neighbours) a value holds: a drop to zero is reported as `vanished`. */
  readonly count: (value: T) => number;
  /** The source's interval: the smallest switch interval. */
  readonly interval: Millis;
  /** A read still unanswered after this long is abandoned and counted as a failure of that switch. */
  readonly answerWithin: Millis;
}

interface Slot<T> {
  readonly sw: SwitchConfig;
  good?: { value: T; at: EpochMs };
  error?: string;
  failure?: 'ssh' | 'command' | 'output';
  /** The last good read that had items: how many, and when. */
  lastFull?: { count: number; at: EpochMs };
  startedAt?: EpochMs;
  inFlight?: Promise<void>;
  /** The last read was cut off by us (poll aborted, source closed), not by the switch: read again next time. */
  retry: boolean;
}

export class SwitchReader<T> {
  private readonly slots: Slot<T>[];
  private readonly closing = new AbortController();
  private lastPollEnd?: EpochMs;
  /** The reader of the same switches' other command (BGP's LLDP and back): see pairWith. */
  private partner?: { startDue(signal: AbortSignal): void };

  constructor(private readonly o: SwitchReaderOptions<T>) {
    this.slots = o.switches.map((sw) => ({ sw, retry: false }));
  }

  /**
   * Starts a read on every due switch and waits for the answers. A switch that has never answered is waited
   * for up to answerWithin (so the first picture is complete). After that a poll waits at most one interval
   * (but at least 2 s, the time an SSH exec plus vtysh can take on a busy switch), so one hanging switch
   * delays the others' updates by that much only. A slower answer is not lost: the next poll shows it, and
   * the read is abandoned only after answerWithin.
   */
  async poll(signal: AbortSignal): Promise<Array<SwitchRead<T>>> {
    signal.throwIfAborted();
    const { clock, interval } = this.o;
    const now = clock.now();
    // The store polls again one interval after the last poll ended; sooner means the operator pressed "r".
    const refresh = this.lastPollEnd !== undefined && now - this.lastPollEnd < interval * 0.9;
    this.start(signal, refresh);
    this.partner?.startDue(signal);
    const pending = this.slots.flatMap((s) => (s.inFlight ? [s.inFlight] : []));
    const firstAnswers = this.slots.some((s) => s.inFlight && s.good === undefined && s.error === undefined);
    await waitFor(Promise.all(pending), firstAnswers ? undefined : Math.min(this.o.answerWithin, Math.max(interval, 2 * SECOND)), signal, clock);
    this.lastPollEnd = clock.now();
    return this.slots.map((slot) => this.readOf(slot));
  }

  /**
   * Polls of either reader start the other's due reads in the same turn, so a switch's two commands are asked for
   * together (one exec: one-exec-shell.ts) even though the store polls the two sources on timers of their own,
   * which drift apart; the other's own poll then finds its reads running or fresh and waits for them.
   */
  pairWith<U>(other: SwitchReader<U>): void {
    this.partner = other;
    other.partner = this;
  }

  /** Starts the reads that are due, without waiting for them (the partner's poll asks for this). */
  startDue(signal: AbortSignal): void {
    if (!signal.aborted) this.start(signal, false);
  }

  private start(signal: AbortSignal, refresh: boolean): void {
    const now = this.o.clock.now();
    for (const slot of this.slots) {
      if (slot.inFlight) continue;
      const due = refresh || slot.retry || slot.startedAt === undefined || now - slot.startedAt >= slot.sw.interval;
      if (!due) continue;
      const read = this.read(slot, signal);
      slot.inFlight = read;
      void read.then(() => {
        if (slot.inFlight === read) slot.inFlight = undefined;
      });
    }
  }

  private readOf({ sw, good, error, failure, lastFull }: Slot<T>): SwitchRead<T> {
    const vanished = good && lastFull && this.o.count(good.value) === 0 ? { count: lastFull.count, lastSeen: lastFull.at } : undefined;
    return { sw, ...(good ? { good } : {}), ...(error !== undefined ? { error, ...(failure ? { failure } : {}) } : {}), ...(vanished ? { vanished } : {}) };
  }

  /** Abandons every read in flight; the source is done. */
  close(): void {
    this.closing.abort(new SourceError('source closed'));
  }

  private async read(slot: Slot<T>, pollSignal: AbortSignal): Promise<void> {
    const { clock, shell, answerWithin } = this.o;
    slot.startedAt = clock.now();
    slot.retry = false;
    const limit = new AbortController();
    const signal = AbortSignal.any([pollSignal, limit.signal, this.closing.signal]);
    const seconds = Number((answerWithin / 1000).toFixed(1));
    const cancel = clock.setTimer(() => limit.abort(new SourceError(`no answer within ${seconds} s`)), answerWithin);
    const argv = this.o.command(slot.sw);
    try {
      const result = await untilAborted(Promise.resolve().then(() => shell.run(slot.sw.target, argv, signal)), signal);
      this.settle(slot, result, argv);
    } catch (error) {
      // Checked first: the shell may report our own time limit as an abort of its own.
      // No answer at all counts as SSH's: a connection that hangs and a command that hangs look the same from here.
      if (pollSignal.aborted && !limit.signal.aborted) slot.retry = true;
      else if (this.closing.signal.aborted && !limit.signal.aborted) slot.retry = true;
      else {
        slot.error = limit.signal.aborted ? describeError(limit.signal.reason) : withoutSwitchName(describeError(error), slot.sw.name);
        slot.failure = 'ssh';
      }
    } finally {
      cancel();
    }
  }

  private settle(slot: Slot<T>, result: CommandResult, argv: readonly string[]): void {
    const now = this.o.clock.now();
    const judged = judgeResult(result, argv, (stdout) => this.o.parse(stdout, slot.sw, now));
    if (!judged.ok) {
      slot.error = judged.error;
      slot.failure = judged.kind;
      return;
    }
    slot.good = { value: judged.value, at: now };
    slot.error = undefined;
    slot.failure = undefined;
    const count = this.o.count(judged.value);
    if (count > 0) slot.lastFull = { count, at: now };
  }
}

/**
 * When no switch answered this poll, the source read nothing: its state is error, not ok, and `status` can say
 * "no source could be read". The message names each switch's reason (the first few; the panes have them all).
 */
export function nothingReadMessage(reads: ReadonlyArray<SwitchRead<unknown>>): string | undefined {
  if (reads.length === 0 || reads.some((r) => r.error === undefined && r.good !== undefined)) return undefined;
  const reasons = reads.slice(0, 3).map((r) => `${r.sw.name}: ${r.error ?? 'no answer yet'}`);
  const more = reads.length > 3 ? `; ${reads.length - 3} more` : '';
  const subject = reads.length === 1 ? 'the only switch' : `all ${reads.length} switches`;
  return `${subject} failed (${reasons.join('; ')}${more})`;
}
