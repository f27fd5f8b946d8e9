/**
 * OpenSSH known_hosts, read and appended by hand: no maintained npm package parses hashed entries and markers.
 * Format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): `[@marker] hostpatterns keytype base64-key [comment]`, where
 * hostpatterns is a comma list (wildcards * and ?, `!` negates; `[host]:port` for ports other than 22) or one
 * hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 */
import { createHmac } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { keyTypeOf } from './host-key-format';

export interface KnownHostEntry {
  /** 1-based line in the file, for messages. */
  readonly line: number;
  readonly revoked: boolean;
  readonly hosts: { readonly hashed: { salt: Buffer; hash: Buffer } } | { readonly patterns: readonly string[] };
  /** The key type read from the blob (what ssh compares), not the possibly wrong text field. */
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly status: 'known' }
  | { readonly status: 'unknown' }
  /** The host has entries, none with this key; `known` are its keys that were expected instead. */
  | { readonly status: 'changed'; readonly known: readonly KnownHostEntry[] }
  | { readonly status: 'revoked'; readonly entry: KnownHostEntry };

/** The name a host is filed under: `host` on port 22, `[host]:port` otherwise; lower case like ssh. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function parseHosts(field: string): KnownHostEntry['hosts'] | undefined {
  if (!field.startsWith('|')) return { patterns: field.toLowerCase().split(',').filter(Boolean) };
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return undefined;
  return { hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') } };
}

/** Parses the file's text; comments, blank, @cert-authority and malformed lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    // Certificates are not supported; a CA line must not be mistaken for a plain key of those hosts.
    if (marker !== undefined && marker !== '@revoked') return;
    const [hostField, , keyField] = fields;
    if (!hostField || !keyField) return;
    const hosts = parseHosts(hostField);
    const key = Buffer.from(keyField, 'base64');
    const keyType = keyTypeOf(key);
    if (!hosts || !keyType) return;
    entries.push({ line: index + 1, revoked: marker === '@revoked', hosts, keyType, key });
  });
  return entries;
}

function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === name;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

/** Does the entry apply to `name` (as made by knownHostsName)? A matching negated pattern wins. */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if ('hashed' in entry.hosts) {
    const { salt, hash } = entry.hosts.hashed;
    return createHmac('sha1', salt).update(name).digest().equals(hash);
  }
  let matched = false;
  for (const pattern of entry.hosts.patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/**
 * Judges the key a host presented. A revoked key is refused for every host ("must not ever be accepted").
 * A host whose entries all differ from the key is `changed`, also when they are of another type: a man in the
 * middle without the recorded key can only offer a different one, so that must not pass as merely unknown.
 */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Uint8Array): HostKeyVerdict {
  const revoked = entries.find((e) => e.revoked && e.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const name = knownHostsName(host, port);
  const forHost = entries.filter((e) => !e.revoked && entryMatches(e, name));
  if (forHost.some((e) => e.key.equals(key))) return { status: 'known' };
  return forHost.length > 0 ? { status: 'changed', known: forHost } : { status: 'unknown' };
}

/** The key types recorded for the host, in file order, so the handshake can ask for those first. */
export function recordedKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const name = knownHostsName(host, port);
  const types = entries.filter((e) => !e.revoked && entryMatches(e, name)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** One known_hosts line (plain, not hashed, so the operator can read what was trusted). */
export function knownHostsLine(host: string, port: number, key: Uint8Array, comment?: string): string {
  const blob = Buffer.from(key);
  const fields = [knownHostsName(host, port), keyTypeOf(blob) ?? 'unknown', blob.toString('base64')];
  return `${[...fields, ...(comment ? [comment] : [])].join(' ')}\n`;
}

/**
 * Appends one line, never rewriting the file: creates its directory (0700) and the file (0600) when missing,
 * and starts on a new line when the file does not end with one.
 */
export async function appendKnownHost(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.appendFile(prefix + line);
  } finally {
    await handle.close();
  }
}
