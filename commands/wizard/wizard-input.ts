import { createLineReader } from './line-input';
import type { AskLine } from '../../src/wizards/operator/line-interaction';
import type { Io } from '../io';

export interface WizardInput {
  /** Asks one line on the terminal; answers undefined when the full-screen wizard reads the keyboard itself. */
  readonly askLine: AskLine;
  /** Aborted by Ctrl-C: the run stops at the next safe point and says so. */
  readonly signal: AbortSignal;
}

/**
 * Runs a wizard with line input (unless the full screen owns the keyboard: a line reader on the same stdin would
 * swallow its keys) and Ctrl-C turned into an abort, and takes both down again whatever happens.
 */
export async function withWizardInput<T>(io: Io, fullScreen: boolean, run: (input: WizardInput) => Promise<T>): Promise<T> {
  const reader = fullScreen ? undefined : createLineReader(process.stdin, io.stdout);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onSigint);
  try {
    return await run({ askLine: reader?.ask ?? (async () => undefined), signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
    reader?.close();
  }
}
