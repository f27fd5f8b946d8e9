import { SourceError } from '../../errors';

/** Why a switch could not be reached over SSH; the message names the switch and says what to do. */
export type SshFailure = 'host-key-unknown' | 'host-key-changed' | 'connect' | 'auth' | 'timeout' | 'backoff' | 'aborted' | 'closed';

export class SshError extends SourceError {
  readonly switchName: string;
  readonly failure: SshFailure;
  /** The cause in a few plain words without the switch name ("connection refused"), for status lines. */
  readonly reason: string;
  constructor(
    switchName: string,
    failure: SshFailure,
    message: string,
    options: { hint?: string; cause?: unknown; reason?: string } = {},
  ) {
    super(message, options);
    this.switchName = switchName;
    this.failure = failure;
    this.reason = options.reason ?? message;
  }
}

/**
 * The failure behind an error: for 'backoff' the failure of the connect attempt that started the wait (its
 * `cause`), so a switch with an unknown host key keeps showing that and not merely "waiting".
 */
export function rootFailure(error: SshError): SshFailure {
  return error.failure === 'backoff' && error.cause instanceof SshError ? error.cause.failure : error.failure;
}

/** A command ran but wrote more than the pool keeps; not an SSH failure, the switch itself is reachable. */
export class SshOutputTooLargeError extends SourceError {
  readonly switchName: string;
  constructor(switchName: string, command: string, limitBytes: number) {
    super(`${switchName}: output of ${command} exceeded ${Math.round(limitBytes / 1024 / 1024)} MiB; the command was stopped`, {
      hint: 'narrow the command (e.g. a VRF or a peer) so its output stays small',
    });
    this.switchName = switchName;
  }
}

/** SshError messages start with "<switch>: "; where the switch is already named (a row, a line), drop it. */
export function withoutSwitchName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}
