import type { Finding, Severity } from '../health/finding';
import type { Cause, CauseMember, Diagnosis } from '../model/diagnosis';
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

/** A cause no single finding names (several lost hosts) has a row of its own: "cause:" and its first finding's id. */
const CAUSE_ROW = 'cause:';

/**
 * The finding that names a cause, when the cause is one thing (a shoot with three failing conditions: the worst
 * of them); none when it is several things (lost hosts), which get a row of their own. One rule for the overview
 * and `status`.
 */
export function causeHead(c: Cause, findings: readonly Finding[]): CauseMember | undefined {
  const heads = c.members.filter((m) => m.depth === 0);
  const key = (m: CauseMember) => `${findings[m.index]?.subject.kind}:${findings[m.index]?.subject.id}`;
  const first = heads[0];
  return first && heads.every((m) => key(m) === key(first)) ? first : undefined;
}

/** How far under its cause's line a member is shown: one step per link in the chain, at least one (headed: see causeHead). */
export function causeIndent(m: CauseMember, headed: boolean): number {
  return Math.max(1, m.depth + (headed ? 0 : 1));
}

/**
 * The overview as an incident summary: each cause (worst first) on one row with the worst severity of everything
 * that follows from it, then what follows, indented by how far down the chain it is. A cause that is one finding
 * is that finding's row; several lost hosts get a row naming them all, with each host's finding under it.
 */
export function diagnosisRows(diagnosis: Diagnosis, findings: readonly Finding[], ascii = false): RowSet {
  const ids = findingIds(findings);
  const branch = ascii ? '`- ' : '└ ';
  const rows = diagnosis.causes.flatMap((c) => {
    const own = causeHead(c, findings);
    const first = ids[c.members[0]?.index ?? -1] ?? c.id;
    const head = makeRow(own ? (ids[own.index] ?? c.id) : `${CAUSE_ROW}${first}`, [SEVERITY_TEXT[c.severity], c.area, c.summary], SEVERITY_TONE[c.severity], [c.followups]);
    const rest = c.members.filter((m) => m !== own);
    return [
      head,
      ...rest.map((m) => {
        const f = findings[m.index] as Finding;
        const indent = causeIndent(m, own !== undefined);
        return makeRow(ids[m.index] ?? String(m.index), [SEVERITY_TEXT[f.severity], f.area, `${'  '.repeat(indent - 1)}${branch}${f.summary}`], SEVERITY_TONE[f.severity]);
      }),
    ];
  });
  return { columns: OVERVIEW_COLUMNS, rows };
}

/** The cause a row heads, if it heads one: its own row, or the row of the finding that names it. */
export function causeOfRow(diagnosis: Diagnosis, findings: readonly Finding[], rowId: string | undefined): Cause | undefined {
  if (rowId === undefined) return undefined;
  const ids = findingIds(findings);
  return diagnosis.causes.find((c) => {
    const own = causeHead(c, findings);
    if (!own) return rowId === `${CAUSE_ROW}${ids[c.members[0]?.index ?? -1]}`;
    return c.members.length > 1 && ids[own.index] === rowId;
  });
}

/** The finding a row id points at; a cause's own row points at its first finding (Enter jumps there). */
export function findingOfRow(findings: readonly Finding[], rowId: string | undefined): Finding | undefined {
  if (rowId === undefined) return undefined;
  const index = findingIds(findings).indexOf(rowId.startsWith(CAUSE_ROW) ? rowId.slice(CAUSE_ROW.length) : rowId);
  return index < 0 ? undefined : findings[index];
}
