import { SourceError } from '../../errors';

/**
 * A refusal or failure of metal-api. A module of its own so that the sources can tell it apart without loading the
 * HTTP client on the way to the first frame.
 */
export class MetalApiError extends SourceError {
  constructor(
    message: string,
    readonly status?: number,
    /** The parsed answer of a refusal: /v1/health answers 500 with its report when unhealthy. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}
