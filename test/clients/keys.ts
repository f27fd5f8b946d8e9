/** Real keys made by ssh-keygen (openssh-client), so the tests check OpenSSH's formats, not our idea of them. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  readonly privateFile: string;
  /** The .pub line: "type base64 comment". */
  readonly publicLine: string;
  readonly type: string;
  readonly blob: Buffer;
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rackpilot-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sshKeygen(args: readonly string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function makeKey(dir: string, name: string, type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519'): KeyPair {
  const privateFile = join(dir, name);
  sshKeygen(['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', name, '-f', privateFile]);
  const publicLine = readFileSync(`${privateFile}.pub`, 'utf8').trim();
  const [keyType = '', base64 = ''] = publicLine.split(' ');
  return { privateFile, publicLine, type: keyType, blob: Buffer.from(base64, 'base64') };
}

/** The key part of a known_hosts line for this key: "type base64". */
export function keyField(key: KeyPair): string {
  return key.publicLine.split(' ').slice(0, 2).join(' ');
}
