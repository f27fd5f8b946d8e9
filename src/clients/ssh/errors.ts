import { SourceError } from '../../errors';

/** Why a switch could not be reached over SSH; the message names the switch and says what to do. */
export type SshFailure = 'host-key-unknown' | 'host-key-changed' | 'connect' | 'auth' | 'timeout' | 'backoff' | 'aborted' | 'closed';

export class SshError extends SourceError {
  readonly switchName: string;
  readonly failure: SshFailure;
  constructor(switchName: string, failure: SshFailure, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.switchName = switchName;
    this.failure = failure;
  }
}
