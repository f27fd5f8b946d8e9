import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../../src/model/time';
import { formatAge } from '../../src/text/format-age';

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [42 * SECOND, '42s'],
    [59_999, '59s'],
    [3 * MINUTE + 59 * SECOND, '3m'],
    [59 * MINUTE, '59m'],
    [2 * HOUR + 30 * MINUTE, '2h'],
    [47 * HOUR, '47h'],
    [5 * DAY, '5d'],
    [400 * DAY, '400d'],
  ])('renders %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it('reads clock skew (a negative age) as 0s and nonsense as "-"', () => {
    expect(formatAge(-5 * SECOND)).toBe('0s');
    expect(formatAge(Number.NaN)).toBe('-');
  });
});
