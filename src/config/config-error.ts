/**
 * Turns a failed zod parse into the one ConfigError the operator sees: source, dotted key path,
 * what was expected and what was found. Zod's own text and stack never reach the terminal.
 */
import type * as z from 'zod';
import { ConfigError } from '../errors';
import { ConfigFileError } from './config-file-error';
import { describeKey, describeKind, describeValue, looksSecret } from './describe-value';
import { knownKeys } from './schema';
import { suggest } from './suggest';
import { valueAt } from '../value-at';

export { ConfigFileError } from './config-file-error';

/** The first issue as a ConfigError; `source` is the file path, "environment VAR" or "--flag". */
export function issueToConfigError(error: z.ZodError, source: string, raw: unknown): ConfigError {
  // A misspelt required key also shows up as "missing"; the unknown key is the cause, so report it first.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  if (!issue) return new ConfigError(source, '', 'expected a valid configuration');
  // The document as a whole is not a mapping: most likely the wrong file (--config ~/.ssh/id_ed25519). Its text
  // is never quoted, not even clipped: it may be a key, a token or someone's environment.
  if (issue.path.length === 0 && issue.code !== 'unrecognized_keys') {
    return new ConfigFileError(source, `expected a YAML mapping of settings at the top level, got ${describeKind(raw)} (is this the right file?)`);
  }
  // Keys come straight from the file; an escape sequence in one must not reach the terminal raw.
  const path = issue.path.map(describeKey);
  if (issue.code === 'unrecognized_keys') {
    const key = describeKey(issue.keys[0] ?? '');
    // List items share their keys: switches.2.jumpHost is looked up as switches.*.jumpHost.
    const known = knownKeys()[issue.path.map((k) => (typeof k === 'number' ? '*' : String(k))).join('.')] ?? [];
    const guess = suggest(key, known);
    const detail = guess ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`;
    return new ConfigError(source, [...path, key].join('.'), `unknown key (${detail})`);
  }
  const value = valueAt(raw, issue.path);
  // Every schema field sets its own "expected ..." text; anything else is a gap in the schema.
  const expected = issue.message.startsWith('expected') ? issue.message : 'expected a valid value';
  let hint = '';
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_value' && typeof value === 'string' && !looksSecret(value, last)) {
    const guess = suggest(value, issue.values.map(String));
    if (guess) hint = ` (did you mean "${guess}"?)`;
  }
  return new ConfigError(source, path.join('.'), `${expected}, got ${describeValue(value, last)}${hint}`);
}
