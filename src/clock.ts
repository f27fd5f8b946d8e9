import type { EpochMs, Millis } from './model/time';

/**
 * Time as the store and the simulator see it. Production uses the wall clock; tests use a VirtualClock so that
 * a day of simulated rack life runs in milliseconds and always the same way.
 */
export interface Clock {
  now(): EpochMs;
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimer(fn: () => void, ms: Millis): () => void;
  /**
   * Stops the clock while a person reads and answers (simulated clocks only: a real rack's time runs on), so a
   * drill's machine time does not grow with reading time. Returns the function that starts it again.
   */
  hold?(): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    // A pending poll must never keep a finished CLI command alive.
    t.unref?.();
    return () => clearTimeout(t);
  },
};

interface PendingTimer {
  readonly at: EpochMs;
  readonly seq: number;
  readonly fn: () => void;
}

/** A clock that only moves when told to; timers fire in due order, with promise callbacks flushed in between. */
export class VirtualClock implements Clock {
  private current: EpochMs;
  private timers: PendingTimer[] = [];
  private seq = 0;

  constructor(start: EpochMs) {
    this.current = start;
  }

  now(): EpochMs {
    return this.current;
  }

  setTimer(fn: () => void, ms: Millis): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by ms, firing every timer that falls due on the way. */
  async advance(ms: Millis): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }

  private nextDue(limit: EpochMs): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

interface ScaledTimer {
  readonly due: EpochMs;
  readonly fn: () => void;
  handle?: ReturnType<typeof setTimeout>;
}

/**
 * Real time sped up by a factor, for drills and wizards on the simulated rack: at 300x a 12-minute recovery takes
 * 2.4 s of wall time while every timestamp (and so the measured RTO) stays in rack time. It stands still while
 * held, so an operator reading a prompt costs no rack time (and burns no backup versions).
 */
export class ScaledClock implements Clock {
  /** Rack time at the last (re)start and the wall time it happened. */
  private base: EpochMs;
  private realStart = Date.now();
  private holds = 0;
  private readonly timers = new Set<ScaledTimer>();

  constructor(
    readonly speed: number,
    base: EpochMs = Date.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    this.base = base;
  }

  now(): EpochMs {
    return this.holds > 0 ? this.base : this.base + (Date.now() - this.realStart) * this.speed;
  }

  setTimer(fn: () => void, ms: Millis): () => void {
    const timer: ScaledTimer = { due: this.now() + Math.max(0, ms), fn };
    this.timers.add(timer);
    if (this.holds === 0) this.arm(timer);
    return () => {
      if (timer.handle) clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  hold(): () => void {
    if (this.holds === 0) {
      // Read before counting the hold: now() returns the base while held.
      this.base = this.now();
      for (const t of this.timers) if (t.handle) clearTimeout(t.handle);
    }
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      this.realStart = Date.now();
      for (const t of this.timers) this.arm(t);
    };
  }

  private arm(timer: ScaledTimer): void {
    timer.handle = setTimeout(
      () => {
        this.timers.delete(timer);
        timer.fn();
      },
      Math.max(0, timer.due - this.now()) / this.speed,
    );
    // Like systemClock: a pending timer alone must not keep a finished command alive.
    timer.handle.unref?.();
  }
}
