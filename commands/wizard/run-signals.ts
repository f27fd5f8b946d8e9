/**
 * The signals that abort a wizard run, in every mode and in the TUI. A module of its own (exit-codes.ts re-exports
 * it) so that the TUI's start-up does not load the wizard engine exit-codes.ts reads.
 */
export const RUN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type RunSignal = (typeof RUN_SIGNALS)[number];

/** How an aborting signal is named in the run's summary: "Run ABORTED: interrupted: Ctrl-C pressed or received". */
export function interruptText(sig: RunSignal): string {
  return `${sig === 'SIGINT' ? 'Ctrl-C' : sig} pressed or received`;
}
