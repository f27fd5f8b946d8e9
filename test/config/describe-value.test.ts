import { describe, expect, it } from 'vitest';
import { describeKey, describeKind, describeValue } from '../../src/config/describe-value';

describe('describeValue: the "got ..." of a config error', () => {
  it('quotes short strings and names structures', () => {
    expect(describeValue('lots')).toBe('"lots"');
    expect(describeValue(-5)).toBe('-5');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({ a: 1 })).toBe('a mapping');
    expect(describeValue(null)).toBe('an empty value');
  });

  it('clips long strings and makes control and bidi characters visible', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(47)}…(53 more)"`);
    expect(describeValue('a\nb\u001b[2J\u202e')).toBe('"a\\nb\\x1b[2J⟨U+202E⟩"');
  });

  it('does not show a value under a secret-ish key, or a PEM block anywhere', () => {
    expect(describeValue('hunter2', 'password')).toBe('a string (not shown: it looks like a secret)');
    expect(describeValue(12345, 'apiKey')).toBe('a number (not shown: it looks like a secret)');
    expect(describeValue('ghp_abc', 'token')).not.toContain('ghp');
    expect(describeValue('  -----BEGIN RSA PRIVATE KEY-----\nMIIE', 'identityFile')).toBe('a string (not shown: it looks like a secret)');
    expect(describeValue('~/.ssh/id_ed25519', 'identityFile')).toBe('"~/.ssh/id_ed25519"');
  });

  it('describeKind names only the kind', () => {
    expect(describeKind('secret text')).toBe('a string');
    expect(describeKind(true)).toBe('true or false');
    expect(describeKind(1)).toBe('a number');
  });

  it('describeKey makes keys visible and hides a pasted PEM header', () => {
    expect(describeKey('\u001b[31m')).toBe('\\x1b[31m');
    expect(describeKey('-----BEGIN OPENSSH PRIVATE KEY-----')).toBe('(a key that looks like a secret, not shown)');
  });
});
