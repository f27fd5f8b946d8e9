// known_hosts parsing, matching and appending, checked against files and keys made by the real ssh-keygen.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeKey, fingerprint, keyTypeOf } from '../../src/clients/ssh/host-key-format';
import {
  appendKnownHost,
  checkHostKey,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
  recordedKeyTypes,
} from '../../src/clients/ssh/known-hosts';
import { type KeyPair, keyField, makeKey, sshKeygen, tempDir } from './keys';

const tmp = tempDir('known-hosts');
let ed: KeyPair;
let ed2: KeyPair;
let rsa: KeyPair;
let ecdsa: KeyPair;

beforeAll(() => {
  ed = makeKey(tmp.dir, 'ed');
  ed2 = makeKey(tmp.dir, 'ed2');
  rsa = makeKey(tmp.dir, 'rsa', 'rsa');
  ecdsa = makeKey(tmp.dir, 'ecdsa', 'ecdsa');
});
afterAll(() => tmp.remove());

describe('host key format', () => {
  it('computes the same SHA256 fingerprint as ssh-keygen -l', () => {
    for (const key of [ed, rsa, ecdsa]) {
      const listed = sshKeygen(['-l', '-E', 'sha256', '-f', `${key.privateFile}.pub`]);
      expect(listed).toContain(fingerprint(key.blob));
      expect(keyTypeOf(key.blob)).toBe(key.type);
    }
    expect(describeKey(ed.blob)).toMatch(/^ED25519 SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(Buffer.from('nonsense'))).toBeUndefined();
  });
});

describe('parseKnownHosts and checkHostKey', () => {
  it('files port 22 under the plain name and other ports under [host]:port', () => {
    expect(knownHostsName('Spine.Lab', 22)).toBe('spine.lab');
    expect(knownHostsName('10.0.0.1', 2220)).toBe('[10.0.0.1]:2220');
    const entries = parseKnownHosts(`spine,10.0.0.1 ${keyField(ed)}\n[leaf01]:2222 ${keyField(ed2)}\n`);
    expect(checkHostKey(entries, 'spine', 22, ed.blob).status).toBe('known');
    expect(checkHostKey(entries, 'SPINE', 22, ed.blob).status).toBe('known');
    expect(checkHostKey(entries, '10.0.0.1', 22, ed.blob).status).toBe('known');
    expect(checkHostKey(entries, 'spine', 2222, ed.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'leaf01', 2222, ed2.blob).status).toBe('known');
    expect(checkHostKey(entries, 'leaf01', 22, ed2.blob).status).toBe('unknown');
  });

  it('matches hashed entries written by ssh-keygen -H for their host and port only', () => {
    const file = join(tmp.dir, 'hashed');
    writeFileSync(file, `[127.0.0.1]:2220 ${keyField(ed)}\nleaf02 ${keyField(rsa)}\n`);
    sshKeygen(['-H', '-f', file]);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('127.0.0.1');
    expect(text).toMatch(/^\|1\|/);
    const entries = parseKnownHosts(text);
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, '127.0.0.1', 2220, ed.blob).status).toBe('known');
    expect(checkHostKey(entries, '127.0.0.1', 2221, ed.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'leaf02', 22, rsa.blob).status).toBe('known');
    expect(checkHostKey(entries, 'leaf02', 22, ed2.blob).status).toBe('changed');
  });

  it('reports a different key of the same or another type as changed, with the expected entries', () => {
    const entries = parseKnownHosts(`spine ${keyField(ed)}\n`);
    const sameType = checkHostKey(entries, 'spine', 22, ed2.blob);
    expect(sameType.status).toBe('changed');
    if (sameType.status === 'changed') expect(sameType.known.map((e) => e.line)).toEqual([1]);
    expect(checkHostKey(entries, 'spine', 22, rsa.blob).status).toBe('changed');
  });

  it('refuses a @revoked key for every host and ignores @cert-authority lines', () => {
    const text = [
      `@revoked * ${keyField(ed)}`,
      `spine ${keyField(ed)}`,
      `@cert-authority *.lab ${keyField(ed2)}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(checkHostKey(entries, 'spine', 22, ed.blob)).toMatchObject({ status: 'revoked', entry: { line: 1 } });
    expect(checkHostKey(entries, 'leaf01.lab', 22, ed2.blob).status).toBe('unknown');
  });

  it('skips comments, blank and malformed lines and keeps real line numbers', () => {
    const text = ['# comment', '', '   ', 'spine', 'spine ssh-ed25519 !!!notbase64', `|1|onlysalt ${keyField(ed)}`, `  leaf01 ${keyField(ed2)} a comment\r`].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => e.line)).toEqual([7]);
    expect(checkHostKey(entries, 'leaf01', 22, ed2.blob).status).toBe('known');
  });

  it('supports wildcards and negated patterns', () => {
    const entries = parseKnownHosts(`*.lab,!bad.lab ${keyField(ed)}\n[10.0.0.?]:2222 ${keyField(ed2)}\n`);
    expect(checkHostKey(entries, 'spine.lab', 22, ed.blob).status).toBe('known');
    expect(checkHostKey(entries, 'bad.lab', 22, ed.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'spineXlab', 22, ed.blob).status).toBe('unknown');
    expect(checkHostKey(entries, '10.0.0.7', 2222, ed2.blob).status).toBe('known');
  });

  it('lists the recorded key types of a host in file order, without duplicates', () => {
    const entries = parseKnownHosts(`spine ${keyField(rsa)}\nspine ${keyField(ed)}\nspine ${keyField(ed2)}\nleaf ${keyField(ecdsa)}\n`);
    expect(recordedKeyTypes(entries, 'spine', 22)).toEqual(['ssh-rsa', 'ssh-ed25519']);
    expect(recordedKeyTypes(entries, 'other', 22)).toEqual([]);
  });
});

describe('appendKnownHost', () => {
  it('creates the directory (0700) and file (0600) and writes a line ssh-keygen -F finds', async () => {
    const file = join(tmp.dir, 'new', 'ssh', 'known_hosts');
    await appendKnownHost(file, knownHostsLine('127.0.0.1', 2220, ed.blob));
    expect(statSync(join(tmp.dir, 'new', 'ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2220 ${keyField(ed)}\n`);
    expect(sshKeygen(['-F', '[127.0.0.1]:2220', '-f', file])).toContain(keyField(ed));
  });

  it('appends after existing content without rewriting it, adding a missing newline first', async () => {
    const file = join(tmp.dir, 'existing');
    const before = `# mine\nspine ${keyField(rsa)}`;
    writeFileSync(file, before);
    await appendKnownHost(file, knownHostsLine('leaf01', 22, ed2.blob, 'added by rackpilot'));
    expect(readFileSync(file, 'utf8')).toBe(`${before}\nleaf01 ${keyField(ed2)} added by rackpilot\n`);
    expect(checkHostKey(parseKnownHosts(readFileSync(file, 'utf8')), 'leaf01', 22, ed2.blob).status).toBe('known');
  });
});
