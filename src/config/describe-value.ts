/**
 * Renders a config value for the "got ..." half of an error message. Operators read these in a
 * terminal, and error messages end up in logs and tickets, so long strings are clipped, control and
 * bidi characters are made visible, structures are named rather than dumped, and what looks like a
 * secret is not shown at all.
 */
import { visibleText } from '../text/visible-text';

// A key's name says its value is a secret: no such setting exists today, but a misplaced one must not be echoed.
const SECRET_KEY = /pass(word|phrase)?|secret|token|hmac|credential|private|api[-_]?key/i;
// A PEM or OpenSSH key (or certificate) pasted where a path belongs.
const PEM = /^\s*-----BEGIN /;

/** True for a value that must not be echoed: under a secret-ish key, or text that is a PEM/OpenSSH key. */
export function looksSecret(value: unknown, key?: PropertyKey): boolean {
  if (typeof key === 'string' && SECRET_KEY.test(key)) return true;
  return typeof value === 'string' && PEM.test(value);
}

/** `key` is the last key of the value's path, so a secret-ish field can be recognised. */
export function describeValue(value: unknown, key?: PropertyKey): string {
  if (value === undefined || value === null) return 'an empty value';
  if (looksSecret(value, key)) return `${describeKind(value)} (not shown: it looks like a secret)`;
  if (typeof value === 'string') return `"${visibleText(value, 57)}"`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** Only what kind of value it is ("a string"), for places where even a clipped value says too much. */
export function describeKind(value: unknown): string {
  if (value === undefined || value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** A key read from the file, safe to print: escapes made visible, clipped, and a pasted PEM block not shown. */
export function describeKey(key: PropertyKey): string {
  const text = String(key);
  return PEM.test(text) ? '(a key that looks like a secret, not shown)' : visibleText(text, 60);
}
