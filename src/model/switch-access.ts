/**
 * How a switch is reached over SSH, as the config describes it: the config builds these, the SSH client uses them.
 * Kept in the model so config never depends on the client that consumes it.
 */

/** One hop of an SSH connection: the switch itself or a jump host in front of it. */
export interface SshHop {
  /** Host name or address as written in the config; also the name looked up in known_hosts. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Private key file; when absent the ssh-agent at `agent` is used. */
  readonly identityFile?: string;
  /** ssh-agent socket path (SSH_AUTH_SOCK). */
  readonly agent?: string;
}

export interface SshTarget extends SshHop {
  /** The switch name: used in errors and as the key of its pooled connection. */
  readonly name: string;
  /** known_hosts file the host keys (of the switch and the jump host) are checked against. */
  readonly knownHosts: string;
  /** Record an unknown host key in knownHosts instead of refusing it. A changed key is always refused. */
  readonly trustOnFirstUse: boolean;
  readonly jumpHost?: SshHop;
}
