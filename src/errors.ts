/**
 * Typed errors with a one-sentence message, a hint for the operator and the cause. Every layer may import this.
 */
export class RackpilotError extends Error {
  readonly hint?: string;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad flags or a bad config file: the command exits 64 (EX_USAGE) with one clear message. */
export class UsageError extends RackpilotError {}

export class ConfigError extends UsageError {
  readonly file: string;
  readonly keyPath: string;
  constructor(file: string, keyPath: string, expected: string, options: { cause?: unknown } = {}) {
    super(`${file}: ${keyPath || '(top level)'}: ${expected}`, options);
    this.file = file;
    this.keyPath = keyPath;
  }
}

/** A source failed to deliver: shown on its pane with the age of its last good data, never fatal. */
export class SourceError extends RackpilotError {}

export class TimeoutError extends SourceError {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
  }
}

/** Renders any thrown value as one line, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
