import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/config/duration';

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
    for (const ms of [1, 999, 1001, 61_001, 3_723_004, 90_061_001]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
