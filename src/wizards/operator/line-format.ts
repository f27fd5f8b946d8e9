import { fitCell, textWidth } from '../../present/table-layout';
import { versionRows } from '../../present/version-rows';
import { callText } from '../engine/calls';
import type { Action, Step, VersionOffer } from '../engine/types';

/** Plain-text renderings for line mode; the full-screen wizard renders the same data its own way. */

export function stepHeader(step: Step, index: number, total: number): string[] {
  return ['', `== Step ${index + 1}/${total}: ${step.title}${step.destructive ? '  [DESTRUCTIVE]' : ''}`, ...wrap(step.explanation, 78).map((l) => `   ${l}`)];
}

/** Each planned action with the exact calls a real executor makes (argv arrays and API calls, in order). */
export function actionLines(actions: readonly Action[]): string[] {
  if (actions.length === 0) return ['   No actions: this step only checks.'];
  return [
    '   Planned actions:',
    ...actions.flatMap((a) => [`   - ${a.destructive ? '[DESTRUCTIVE] ' : ''}${a.description}`, ...a.calls.map((c) => `       ${callText(c)}`)]),
  ];
}

/**
 * Every version newest first, numbered for the answer: the same table as the Backups pane and the full-screen
 * wizard (present/version-rows.ts), with the proposal marked.
 */
export function versionLines(offer: VersionOffer): string[] {
  const table = versionRows(offer.component, offer.verdict, { now: offer.takenAt, incidentStart: offer.incidentStart });
  // A line has no width limit: every column is as wide as its widest cell, so nothing is cut.
  const widths = table.columns.map((c, i) => Math.max(textWidth(c.title), ...table.rows.map((r) => textWidth(r.cells[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((cell, i) => fitCell(cell, widths[i] ?? 0, table.columns[i]?.align)).join(' ').trimEnd();
  const proposed = offer.verdict.proposal?.version.versionId;
  return [
    `         ${line(table.columns.map((c) => c.title))}`,
    ...table.rows.map((r, i) => `   ${String(i + 1).padStart(3)}${r.id === proposed ? ' >' : r.tone ? ' !' : '  '} ${line(r.cells)}`),
  ];
}

/**
 * Wraps a line that is too wide, keeping its indentation (and its inner alignment when it fits): for the
 * aligned "label   value" lines of a plan.
 */
export function wrapIndented(line: string, width: number): string[] {
  if (textWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return wrap(line, Math.max(10, width - indent.length - 2)).map((l, i) => `${indent}${i === 0 ? '' : '  '}${l}`);
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  // An empty paragraph is still a line: a blank one.
  return out.length ? out : [''];
}
