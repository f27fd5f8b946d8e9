/** Host key blobs as OpenSSH shows them: the type inside the blob and the SHA256 fingerprint. */
import { createHash } from 'node:crypto';

/** The key type named at the start of an SSH public key blob (e.g. "ssh-ed25519"), or undefined when malformed. */
export function keyTypeOf(blob: Uint8Array): string | undefined {
  if (blob.length < 4) return undefined;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  return Buffer.from(blob.subarray(4, 4 + length)).toString('latin1');
}

/** OpenSSH's fingerprint: "SHA256:" and the base64 of the blob's SHA-256, without padding. */
export function fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const SHORT_TYPES: Readonly<Record<string, string>> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
};

/** The short name ssh prints next to a fingerprint ("ED25519"). */
export function displayType(type: string): string {
  return SHORT_TYPES[type] ?? type;
}

/** "ED25519 SHA256:…", as in ssh's "ED25519 key fingerprint is SHA256:…". */
export function describeKey(blob: Uint8Array): string {
  return `${displayType(keyTypeOf(blob) ?? 'unknown')} ${fingerprint(blob)}`;
}
