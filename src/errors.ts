/**
 * Typed errors with a one-sentence message, a hint for the operator and the cause. Every layer may import this.
 */
export class RackpilotError extends Error {
  readonly hint?: string;
  /** The documented exit code of an expected condition; without one the command reports a bug (70). */
  readonly exitCode?: number;
  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode;
  }
}

/**
 * Exit codes of expected conditions (sysexits.h where one fits), documented in README.md. 70 stays for bugs.
 * 130, 129 and 143 are a run ended by Ctrl-C, SIGHUP and SIGTERM (128 + the signal's number).
 */
export const EXIT_CODE = {
  usage: 64,
  /** A run journal cannot be read or validated: refusing to guess what was done. */
  journal: 65,
  internal: 70,
  /** The state directory (journals, locks, audit log) cannot be written: read-only, full, not a directory. */
  stateDir: 74,
  /** Another run holds the rack's lock. */
  locked: 75,
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/** Bad flags or a bad config file: the command exits 64 (EX_USAGE) with one clear message. */
export class UsageError extends RackpilotError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: EXIT_CODE.usage });
  }
}

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
