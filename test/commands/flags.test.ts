import { describe, expect, it } from 'vitest';
import { parseFlags, positiveInt } from '../../commands/flags';
import { UsageError } from '../../src/errors';

const OPTIONS = { scale: { type: 'string' }, speed: { type: 'string', short: 's' }, json: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  // parseArgs calls `--scale -5` "ambiguous"; a negative number is never a flag, so it reaches the flag's own check.
  it('takes a negative number as the value of the flag before it', () => {
    expect(parseFlags(['--scale', '-5', '--json'], OPTIONS, 'status').values).toEqual({ scale: '-5', json: true });
    expect(parseFlags(['-s', '-0.5'], OPTIONS, 'status').values).toEqual({ speed: '-0.5' });
    expect(parseFlags(['--scale', '-.5'], OPTIONS, 'status').values).toEqual({ scale: '-.5' });
  });

  it('still refuses a flag where a value belongs, and unknown flags, as usage errors', () => {
    expect(() => parseFlags(['--scale', '--json'], OPTIONS, 'status')).toThrow(UsageError);
    expect(() => parseFlags(['--bogus'], OPTIONS, 'status')).toThrow(/^status: Unknown option '--bogus'/);
  });
});

describe('positiveInt', () => {
  it('reads whole numbers in range', () => {
    expect(positiveInt('scale', '50', { max: 20000, unit: 'machines' })).toBe(50);
    expect(positiveInt('seed', undefined)).toBeUndefined();
  });

  it.each([
    ['-5', '--scale: expected a whole number of machines from 1 to 20000, got -5'],
    ['0', '--scale: expected a whole number of machines from 1 to 20000, got 0'],
    ['20001', '--scale: expected a whole number of machines from 1 to 20000, got 20001'],
    ['1.5', '--scale: expected a whole number of machines from 1 to 20000, got 1.5'],
    ['lots', '--scale: expected a whole number of machines from 1 to 20000, got "lots"'],
    ['', '--scale: expected a whole number of machines from 1 to 20000, got ""'],
  ])('--scale %j', (value, message) => {
    expect(() => positiveInt('scale', value, { max: 20000, unit: 'machines' })).toThrow(message);
  });

  it('says "≥ 1" when there is no upper bound', () => {
    expect(() => positiveInt('seed', '-1')).toThrow('--seed: expected a whole number ≥ 1, got -1');
  });
});
