import type { Finding, Severity } from '../health/finding';
import { type Column, makeRow, type RowSet, type Tone } from './rows';

export const OVERVIEW_COLUMNS: readonly Column[] = [
  { title: 'SEV', width: 4 },
  { title: 'AREA', width: 14 },
  { title: 'FINDING', width: 'flex' },
];

const SEVERITY_TEXT: Record<Severity, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };
const SEVERITY_TONE: Record<Severity, Tone> = { critical: 'critical', warning: 'warning', info: 'info' };

/**
 * Stable row ids (rule, subject, and a counter for a rule firing twice on one subject), so the cursor stays on
 * the same finding while others come and go.
 */
export function findingIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.rule}|${f.subject.kind}|${f.subject.id}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

/** Findings as rows, in evaluate()'s order: critical first. */
export function findingRows(findings: readonly Finding[]): RowSet {
  const ids = findingIds(findings);
  const rows = findings.map((f, i) =>
    makeRow(ids[i] ?? String(i), [SEVERITY_TEXT[f.severity], f.area, f.summary], SEVERITY_TONE[f.severity]),
  );
  return { columns: OVERVIEW_COLUMNS, rows };
}

/** The finding a row id points at. */
export function findingOfRow(findings: readonly Finding[], rowId: string | undefined): Finding | undefined {
  if (rowId === undefined) return undefined;
  const index = findingIds(findings).indexOf(rowId);
  return index < 0 ? undefined : findings[index];
}
