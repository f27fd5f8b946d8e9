import { describe, expect, it } from 'vitest';
import { ScaledClock } from '../../src/clock';
import { MINUTE } from '../../src/model/time';
import { SimRack } from '../../src/sim/engine';
import { createSimExecutor } from '../../src/wizards/sim-adapter/sim-executor';
import { T0 } from '../sim/helpers';

describe('a scaled clock for drills', () => {
  it('runs time at the given speed from the given start', async () => {
    const clock = new ScaledClock(1000, T0);
    expect(clock.now() - T0).toBeLessThan(1000 * 50);
    await new Promise((r) => setTimeout(r, 20));
    // 20 ms of wall time at 1000x is at least 20 s of rack time.
    expect(clock.now() - T0).toBeGreaterThanOrEqual(19_000);
  });

  it('fires timers after ms/speed of wall time, and cancelled timers never', async () => {
    const clock = new ScaledClock(600, T0);
    const fired: string[] = [];
    const started = Date.now();
    await new Promise<void>((resolve) => {
      clock.setTimer(() => fired.push('cancelled'), 30_000)();
      clock.setTimer(() => {
        fired.push('minute');
        resolve();
      }, MINUTE);
    });
    expect(fired).toEqual(['minute']);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(clock.now() - T0).toBeGreaterThanOrEqual(MINUTE - 600);
  });

  it('lets a 10-minute wait on the simulated rack pass in about a second at 600x', async () => {
    const clock = new ScaledClock(600, T0);
    const sim = new SimRack({ start: T0, seed: 7 });
    const started = Date.now();
    const outcome = await createSimExecutor(sim, clock).run(
      { id: 'w', description: 'wait', effect: { op: 'wait', ms: 10 * MINUTE }, calls: [], destructive: false },
      { signal: new AbortController().signal, output: () => {} },
    );
    expect(outcome.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stands still while held (an operator reading a prompt), timers included, and goes on where it stopped', async () => {
    const clock = new ScaledClock(600, T0);
    const fired: number[] = [];
    clock.setTimer(() => fired.push(clock.now()), 30_000);
    await new Promise((r) => setTimeout(r, 20));
    const before = clock.now();
    const release = clock.hold();
    // Time never goes back when the clock stops.
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    const held = clock.now();
    await new Promise((r) => setTimeout(r, 150));
    expect(clock.now()).toBe(held);
    expect(fired).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 120));
    expect(fired).toHaveLength(1);
    // Only the ~120 ms after the release count (~72 s at 600x); the 150 ms held (90 s) do not.
    expect(clock.now() - held).toBeLessThan(120_000);
  });

  it('refuses a speed that is not a positive number', () => {
    expect(() => new ScaledClock(0)).toThrow('clock speed must be a positive number, got 0');
    expect(() => new ScaledClock(Number.NaN)).toThrow();
  });
});
