/**
 * Turning a switch command's stdout into validated data. Every failure becomes a SourceError with one short line
 * (it is shown next to the switch in the BGP pane and in a finding), never a JSON parser or zod dump.
 */
import * as z from 'zod';
import { SourceError } from '../errors';
import { valueAt } from '../value-at';

export type PathSegment = PropertyKey;

/** JSON.parse with a message that says what the output looked like instead. */
export function parseJsonOutput(stdout: string): unknown {
  const text = stdout.trim();
  if (text === '') throw new SourceError('output is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(notJson(text));
  }
}

function notJson(text: string): string {
  // A proxy or a web UI answering instead of the switch shell sends HTML.
  if (/^<(!doctype|html|head|body|\?xml)/i.test(text)) return 'output is HTML, not JSON';
  // Output that starts like JSON but does not parse was cut off (a dropped connection, a full pipe).
  if (text.startsWith('{') || text.startsWith('[')) return 'output is not JSON (truncated?)';
  const first = text.split('\n', 1)[0] ?? '';
  return `output is not JSON: starts with ${JSON.stringify(first.length > 40 ? `${first.slice(0, 37)}...` : first)}`;
}

/**
 * A JSON object exactly as parsed. zod's record builds a new object by assignment, and assigning a key named
 * `__proto__` sets the prototype instead, so a VRF or interface of that (valid) name and its sessions vanished.
 * JSON.parse keeps such keys as own properties; Object.entries on the parsed object sees every one.
 */
export const jsonObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  error: 'expected an object',
});

/** A counter or a duration in milliseconds: a finite number a date or a sum can still be made of. */
export const jsonCount = z.number({ error: 'expected a number' }).min(0, { error: 'expected a number that is not negative' }).max(Number.MAX_SAFE_INTEGER, {
  error: 'expected a number up to 2^53',
});

/** Validates `value` (found at `path` in the output) or throws "unexpected output shape: <path> is missing". */
export function check<S extends z.ZodType>(schema: S, value: unknown, path: readonly PathSegment[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [...path, ...(issue?.path ?? [])];
  throw new SourceError(`unexpected output shape: ${describeIssue(where, valueAt(value, issue?.path ?? []), issue)}`);
}

export function unexpected(path: readonly PathSegment[], what: string): SourceError {
  return new SourceError(`unexpected output shape: ${formatPath(path)} ${what}`);
}

function describeIssue(path: readonly PathSegment[], found: unknown, issue: z.core.$ZodIssue | undefined): string {
  const where = formatPath(path);
  if (found === undefined) return `${where} is missing`;
  if (typeof found === 'number' && !Number.isFinite(found)) return `${where} is a number too large to use`;
  if (issue?.code === 'invalid_type') return `${where} is ${kindOf(found)}, expected ${article(issue.expected)}`;
  // A number out of range is best shown as itself; anything else by its kind.
  const range = issue?.code === 'too_small' || issue?.code === 'too_big';
  if (issue?.message.startsWith('expected')) return `${where} is ${range ? String(found) : kindOf(found)}, ${issue.message}`;
  return `${where} is not valid (${issue?.message ?? 'unknown problem'})`;
}

/** default.ipv4Unicast.peers["10.0.0.1"].state: dotted where unambiguous, quoted where a key has dots. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the top level';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? `${v.slice(0, 17)}...` : v)})`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'boolean') return String(v);
  return `a ${typeof v}`;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'an object';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
