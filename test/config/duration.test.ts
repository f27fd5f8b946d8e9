import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, MAX_DURATION, parseDuration } from '../../src/config/duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    [' 5 s ', 5000],
    ['250', 250],
    [750, 750],
    [0, 0],
  ] as const)('%j → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['5 parsecs', '', 's', '5x', '1h-5m', 'abc'])('rejects %j with a readable message', (input) => {
    expect(() => parseDuration(input)).toThrow(DurationError);
    expect(() => parseDuration(input)).toThrow(
      `expected a duration like "500ms", "5s", "2m" or "1h", or a number of milliseconds, got ${JSON.stringify(input)}`,
    );
  });

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-5)).toThrow('expected a duration that is not negative, got -5');
    expect(() => parseDuration('-5s')).toThrow('not negative');
    expect(() => parseDuration(Number.NaN)).toThrow(DurationError);
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow(DurationError);
  });
});

describe('parseDuration: at most a day', () => {
  // Node timers take at most 2^31-1 ms and fire at once beyond that: no duration may get near it.
  it('keeps the maximum, and the sums built from it, well below what a Node timer takes', () => {
    expect(MAX_DURATION).toBe(86_400_000);
    expect(3 * MAX_DURATION).toBeLessThan(2 ** 31 - 1);
  });

  it.each([['24h'], ['1d'], ['23h59m59s999ms'], [86_400_000], ['86400000']])('accepts %j', (input) => {
    expect(parseDuration(input)).toBeLessThanOrEqual(MAX_DURATION);
  });

  it.each([
    ['600h', '"600h"'],
    ['1d1ms', '"1d1ms"'],
    ['25h', '"25h"'],
    [86_400_001, '86400001'],
    ['99999999999999999999999', '"99999999999999999999999"'],
    [`1${'0'.repeat(400)}s`, `"1${'0'.repeat(45)}…(356 more)"`],
  ])('refuses %j as longer than 24h', (input, shown) => {
    expect(() => parseDuration(input)).toThrow(`expected a duration of at most 24h, got ${shown}`);
  });

  it('says what is wrong with a number that is not finite (YAML reads 1e400 as Infinity)', () => {
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow('expected a finite number of milliseconds, got Infinity');
    expect(() => parseDuration(Number.NEGATIVE_INFINITY)).toThrow('expected a duration that is not negative, got -Infinity');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [500, '500ms'],
    [5000, '5s'],
    [120_000, '2m'],
    [3_600_000, '1h'],
    [90_000, '1m30s'],
    [1500, '1s500ms'],
    [86_400_000, '1d'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 1001, 61_001, 3_723_004, 86_399_999, 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
