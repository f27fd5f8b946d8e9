import type { Finding } from '../health/finding';
import type { DetailLine } from './detail-lines';
import type { Tone } from './rows';

const TONE: Record<Finding['severity'], Tone> = { critical: 'critical', warning: 'warning', info: 'info' };

/**
 * The selected finding in full, under the overview's list: its whole summary and what to do about it (the hint,
 * which the list's one-line rows cannot show). Wrapped by the view; the hint hangs under its arrow.
 */
export function findingNote(f: Finding): DetailLine[] {
  return [
    { text: f.summary, tone: TONE[f.severity] },
    { text: `-> ${f.hint}`, hang: 3, noSymbol: true },
  ];
}

/** A list keeps at least this many rows (header and scroll line included) when a note is shown under it. */
export const LIST_ROWS_WITH_NOTE = 6;
