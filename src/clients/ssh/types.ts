/**
 * The contract of the SSH client: what the switch sources and `rackpilot doctor` need, nothing of node-ssh.
 * Only src/clients/ imports node-ssh; everything else sees these types.
 */

export type { SshHop, SshTarget } from '../../model/switch-access';
import type { SshTarget } from '../../model/switch-access';

export interface SshPoolOptions {
  /** Longest time for TCP connect + handshake + auth, per hop. */
  readonly connectTimeout: number;
  /** Longest time one remote command may run. */
  readonly commandTimeout: number;
  /** Most commands (and connection attempts) in flight across all switches. */
  readonly concurrency: number;
  /** After a failed connect the next attempt waits 1 s, 2 s, 4 s … up to this. */
  readonly maxBackoff: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code; null when the remote side sent a signal or no status. */
  readonly code: number | null;
}

/** What the host key check found, for `rackpilot doctor`. */
export interface HostKeyInfo {
  /** e.g. "ssh-ed25519". */
  readonly type: string;
  /** OpenSSH style: "SHA256:base64-without-padding". */
  readonly fingerprint: string;
  /** known: matched known_hosts; recorded: unknown and written there by trust-on-first-use. */
  readonly status: 'known' | 'recorded';
}

export interface SwitchShell {
  /**
   * Runs argv on the target over its pooled connection (connecting first if needed). The arguments are quoted
   * for the remote POSIX shell, never joined raw. Rejects with an SshError (see errors.ts) on connect, host
   * key, timeout or abort; a command that ran and exited non-zero resolves with its code.
   */
  run(target: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult>;
  /** The host key the target presented on its current connection, once connected. */
  hostKey(target: SshTarget): HostKeyInfo | undefined;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}
