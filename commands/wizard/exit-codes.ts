import { EXIT_CODE, RackpilotError } from '../../src/errors';
import { NotStarted } from '../../src/wizards/engine/durable';
import type { RunOutcome } from '../../src/wizards/engine/types';

/** The exit codes every wizard command documents (README.md has the same table); the functions below decide them. */
export const WIZARD_EXIT_CODES = `Exit codes: 0 done and healthy (or nothing to do), 1 aborted or cancelled by
you, 2 failed or ended unhealthy, 64 bad usage (e.g. --auto against a real
rack), 65 a run journal cannot be read (see --resume-from-audit, --fresh),
74 the state directory cannot be written (read-only, full), 75 the rack is
locked by another run, 129/130/143 aborted by SIGHUP / Ctrl-C / SIGTERM.
`;

export { interruptText, RUN_SIGNALS, type RunSignal } from './run-signals';
import type { RunSignal } from './run-signals';

/** What a command knows about how its operator's side ended. */
interface Ended {
  readonly signal: AbortSignal;
  interruptedBy(): RunSignal | undefined;
  finish(summary: readonly string[]): Promise<void>;
}

/** A run that ended: a signal's code first, then an expected condition's own code (a full state directory), then how it ended. */
export function runExitCode(side: Ended, end: { readonly state: RunOutcome; readonly healthy: boolean; readonly error?: unknown }): number {
  const signal = side.interruptedBy();
  if (signal) return EXIT_CODE[signal];
  if (end.error instanceof RackpilotError && end.error.exitCode !== undefined) return end.error.exitCode;
  if (end.state === 'aborted' || end.state === 'cancelled') return 1;
  return end.state === 'done' && end.healthy ? 0 : 2;
}

/**
 * A run that never started: the operator quit at the resume question, or a signal came first. Its summary says
 * nothing was changed; undefined when the error is not such an end (the caller rethrows it).
 */
export async function notStartedExitCode(side: Ended, error: unknown, interrupted: string): Promise<number | undefined> {
  if (!(error instanceof NotStarted) && !side.signal.aborted) return undefined;
  await side.finish([error instanceof NotStarted ? error.message : interrupted]);
  const signal = side.interruptedBy();
  return signal ? EXIT_CODE[signal] : 1;
}
