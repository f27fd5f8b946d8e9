/** Turns what ssh2, node-ssh and the OS report about a failed connect into an SshError in plain words. */
import { SshError } from './errors';

export interface HopLabel {
  readonly switchName: string;
  /** "127.0.0.1:2220" or "jump host bastion:22". */
  readonly label: string;
  readonly user: string;
  /** What was offered to log in, e.g. "key file /home/op/.ssh/id_ed25519". */
  readonly credentials: string;
  readonly identityFile?: string;
}

/** System error codes from connect(2) and getaddrinfo(3), as an operator would say them. */
const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (DNS not answering)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'TCP connect timed out',
  EADDRNOTAVAIL: 'address not available',
};

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function connectError(hop: HopLabel, reason: string, cause: unknown): SshError {
  const reasonWithHop = hop.label.startsWith('jump host') ? `${hop.label}: ${reason}` : reason;
  return new SshError(hop.switchName, 'connect', `${hop.switchName}: cannot connect to ${hop.label}: ${reason}`, { cause, reason: reasonWithHop });
}

export function timeoutError(hop: HopLabel, ms: number, cause?: unknown): SshError {
  const reason = `connect to ${hop.label} timed out after ${formatDuration(ms)}`;
  return new SshError(hop.switchName, 'timeout', `${hop.switchName}: ${reason} (TCP connect, SSH handshake and login)`, {
    cause,
    reason,
    hint: 'check that the address and port are right and that sshd runs there',
  });
}

export function connectFailure(hop: HopLabel, error: unknown, timeout: number): SshError {
  if (error instanceof SshError) return error;
  const { level, code, message = String(error) } = error as { level?: string; code?: string; message?: string };
  if (level === 'client-timeout' && /handshake/i.test(message)) return timeoutError(hop, timeout, error);
  if (code === 'ETIMEDOUT' && level === 'client-socket') return timeoutError(hop, timeout, error);
  if (level === 'client-authentication') {
    const reason = `authentication as ${hop.user} failed`;
    return new SshError(hop.switchName, 'auth', `${hop.switchName}: ${hop.label} refused login as ${hop.user} (tried ${hop.credentials})`, {
      cause: error,
      reason: hop.label.startsWith('jump host') ? `${hop.label}: ${reason}` : reason,
      hint: `check the user and that the public key is in ~${hop.user}/.ssh/authorized_keys there`,
    });
  }
  if (level === 'agent') {
    return new SshError(hop.switchName, 'auth', `${hop.switchName}: the ssh-agent could not be used to log in to ${hop.label} (${message})`, {
      cause: error,
      reason: 'ssh-agent failed',
      hint: 'check that the agent runs (ssh-add -l) and that SSH_AUTH_SOCK or the switch\'s agent setting points at it',
    });
  }
  // ssh2 throws these before any network traffic when the key file is not a usable private key.
  if (/privateKey|private key|passphrase/i.test(message) && level === undefined) {
    return new SshError(hop.switchName, 'auth', `${hop.switchName}: identity file ${hop.identityFile ?? '(none)'} is not a usable private key (${message})`, {
      cause: error,
      reason: 'identity file unusable',
      hint: 'rackpilot needs an unencrypted key file, or an ssh-agent holding the key',
    });
  }
  // Before the system codes: node-ssh reports a close during the handshake as "No response from server" with
  // code ETIMEDOUT, which is no timeout.
  if (/lost before handshake|No response from server/i.test(message)) return connectError(hop, 'connection closed before the SSH login finished', error);
  if (code && SYSTEM_REASONS[code]) return connectError(hop, SYSTEM_REASONS[code], error);
  if (level === 'handshake' || level === 'protocol') return connectError(hop, `SSH handshake failed (${message})`, error);
  return connectError(hop, message, error);
}
