// An error about the config never quotes what the file holds where it could be a secret: --config pointed at a
// private key or /proc/self/environ must not print it, and what is shown cannot drive the terminal.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, writeConfig } from './helpers';

const PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n';

const fromFlag = (file: string) => configError(() => loadConfig({ flags: { config: file }, env: {} }));

describe('config errors do not echo the file', () => {
  it('a private key given as the config: the top level is named, not quoted', async () => {
    const file = writeConfig(PRIVATE_KEY, 'id_ed25519');
    const error = await fromFlag(file);
    expect(error.message).toBe(`${file}: expected a YAML mapping of settings at the top level, got a string (is this the right file?)`);
    expect(error.message).not.toMatch(/BEGIN|b3Bl/);
  });

  it('an environment dump (NUL-separated) is not quoted either', async () => {
    const file = writeConfig('AWS_SECRET_ACCESS_KEY=hunter2\0HOME=/root\0');
    const error = await fromFlag(file);
    expect(error.message).toMatch(/: expected a YAML mapping of settings at the top level, got a string/);
    expect(error.message).not.toContain('hunter2');
  });

  it('a YAML syntax error gives the reason and position, never the excerpt', async () => {
    const file = writeConfig('rack: 1\n password: hunter2\n');
    const error = await fromFlag(file);
    expect(error.message).toMatch(new RegExp(`^${file}: line 1, column \\d+: invalid YAML: [^\\n]+$`));
    expect(error.message).not.toContain('hunter2');
  });

  it('an unresolved alias is explained without its name', async () => {
    const error = await fromFlag(writeConfig('sim:\n  scenario: *hunter2\n'));
    expect(error.message).toMatch(/: invalid YAML: an alias \(\*name\) is used before its anchor \(&name\) is set$/);
  });

  it('a second document is explained in plain words', async () => {
    const error = await fromFlag(writeConfig('rack:\n  name: a\n---\nrack:\n  name: b\n'));
    expect(error.message).toMatch(/: line 3, column 1: invalid YAML: more than one document \(a --- line\); expected one$/);
  });

  it('a key pasted where a path belongs is not shown', async () => {
    const text = `switches:\n  - name: leaf01\n    role: leaf\n    address: 10.0.0.1\n    identityFile: |\n${PRIVATE_KEY.replace(/^/gm, '      ')}`;
    const file = writeConfig(text);
    const error = await fromFlag(file);
    expect(error.message).toBe(`${file}: switches.0.identityFile: expected a file path, got a string (not shown: it looks like a secret)`);
  });

  it('values and keys from the file are made visible (escapes, bidi) and clipped', async () => {
    const value = await fromFlag(writeConfig('rack:\n  name: "evil\\u202Eexe\\u001b[2J"\n'));
    expect(value.message).toMatch(/: rack\.name: expected a non-empty name without control characters, got "evil⟨U\+202E⟩exe\\x1b\[2J"$/);
    const key = await fromFlag(writeConfig(`ui:\n  "\\u202E${'k'.repeat(100)}": 1\n`));
    expect(key.message).toMatch(/: ui\.⟨U\+202E⟩k+…\(\d+ more\): unknown key/);
    expect(key.message).not.toContain('\u202e');
  });
});
