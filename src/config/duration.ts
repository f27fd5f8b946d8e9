/**
 * Durations in the config file are short human strings ("500ms", "5s", "2m", "1h", "1h30m") or a
 * plain number of milliseconds. Everything past the loader works in milliseconds.
 *
 * Every duration is at most MAX_DURATION: they end up in Node timers, which take at most 2^31-1 ms (24.8 days)
 * and fire after 1 ms instead, with a warning, for anything longer: a 600h command timeout timed out every
 * command at once. A day is far beyond any sensible timeout, interval or back-off, and leaves room for the
 * sums built from them (two connect timeouts plus a command timeout per poll).
 */
import { UsageError } from '../errors';
import { DAY, HOUR, MINUTE, type Millis, SECOND } from '../model/time';
import { describeValue } from './describe-value';

const UNITS: Readonly<Record<string, Millis>> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

export const DURATION_EXPECTED = 'expected a duration like "500ms", "5s", "2m" or "1h", or a number of milliseconds';

/** The longest duration any setting takes, and how messages and README say it. */
export const MAX_DURATION: Millis = DAY;
export const MAX_DURATION_TEXT = '24h';
const TOO_LONG = `expected a duration of at most ${MAX_DURATION_TEXT}`;
// YAML reads 1e400 as Infinity: say what is wrong with it rather than that it is no duration.
const NOT_FINITE = 'expected a finite number of milliseconds';

/** A value that is not a duration. `expected` is the message without the offending value, for the config error. */
export class DurationError extends UsageError {
  readonly expected: string;
  constructor(expected: string, input: unknown) {
    super(`${expected}, got ${describeValue(input)}`);
    this.expected = expected;
  }
}

const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
// Environment variables are always strings, so a bare "500" has to mean milliseconds too.
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/** Parses a duration into whole milliseconds, at most MAX_DURATION; throws DurationError with a readable message. */
export function parseDuration(input: string | number): Millis {
  const ms = parse(input);
  // Infinity gets here from text too ("1" and 400 zeros): it is too long, not malformed.
  if (ms > MAX_DURATION) throw new DurationError(TOO_LONG, input);
  return ms;
}

function parse(input: string | number): Millis {
  if (typeof input === 'number') {
    if (Number.isNaN(input)) throw new DurationError(DURATION_EXPECTED, input);
    if (input < 0) throw new DurationError('expected a duration that is not negative', input);
    if (!Number.isFinite(input)) throw new DurationError(NOT_FINITE, input);
    return Math.round(input);
  }
  if (typeof input !== 'string') throw new DurationError(DURATION_EXPECTED, input);
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  if (BARE_NUMBER.test(text)) return Math.round(Number(text));
  if (!WHOLE.test(text)) {
    const hint = text.startsWith('-') ? 'expected a duration that is not negative' : DURATION_EXPECTED;
    throw new DurationError(hint, input);
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * (UNITS[unit ?? 'ms'] ?? 1);
  }
  return Math.round(total);
}

/** The shortest string parseDuration reads back to the same value: 90000 → "1m30s", 1500 → "1s500ms". */
export function formatDuration(ms: Millis): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0ms';
  let out = '';
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
    ['ms', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
