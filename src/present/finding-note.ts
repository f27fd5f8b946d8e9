import type { Finding } from '../health/finding';
import type { Cause } from '../model/diagnosis';
import type { RackSnapshot } from '../model/snapshot';
import type { DetailLine } from './detail-lines';
import { causeOfRow, findingOfRow } from './overview-rows';
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

/**
 * A cause's row: what it is, what to do first, and what followed from it (counted). Its severity is the worst of
 * the group, so a lost host that metal-api still calls Unknown shows as critical when its shoots are.
 */
export function causeNote(c: Cause): DetailLine[] {
  return [
    { text: c.summary, tone: TONE[c.severity] },
    { text: `-> ${c.hint}`, hang: 3, noSymbol: true },
    // Last: at 80x24 the note has few lines, and what to do comes before what followed.
    ...(c.followups ? [{ text: c.followups, hang: 2, noSymbol: true }] : []),
  ];
}

/** The note under the overview's list for the selected row: its cause when it heads one, else its finding. */
export function overviewNote(s: RackSnapshot, rowId: string | undefined): DetailLine[] {
  const cause = causeOfRow(s.diagnosis, s.findings, rowId);
  if (cause) return causeNote(cause);
  const f = findingOfRow(s.findings, rowId);
  return f ? findingNote(f) : [];
}

/** A list keeps at least this many rows (header and scroll line included) when a note is shown under it. */
export const LIST_ROWS_WITH_NOTE = 6;
