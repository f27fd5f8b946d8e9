import { countBySeverity } from '../health/evaluate';
import type { Finding, Severity } from '../health/finding';
import type { Cause } from '../model/diagnosis';
import type { RackSnapshot } from '../model/snapshot';
import type { AreaStatus, AreaSummary } from './area-summary';
import { causeHead, causeIndent } from './overview-rows';

export const STATUS_WIDTH = 80;
/** Enough for an incident summary in a mail; --json lists everything. */
const MAX_CAUSES = 8;
/** Per step down the chain: 48 lost machines must not hide the shoots and control planes the first took down. */
const MAX_PER_DEPTH = 5;

const STATUS_WORD: Record<AreaStatus, string> = {
  ok: 'OK',
  info: 'INFO',
  warning: 'WARN',
  critical: 'CRIT',
  'no-data': 'NODATA',
};

const SEVERITY_WORD: Record<Severity, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };

export interface StatusReportInput {
  readonly snapshot: RackSnapshot;
  readonly areas: readonly AreaSummary[];
  readonly findings: readonly Finding[];
  readonly notices: readonly string[];
  readonly verdict: string;
}

/** The human status report: fits 80 columns, plain ASCII, no colour, so it reads the same in cron mail. */
export function renderStatusReport(input: StatusReportInput): string {
  const { snapshot, areas, findings, notices } = input;
  const kind = snapshot.rack.simulated ? ' (simulated rack)' : '';
  const time = new Date(snapshot.takenAt).toISOString().replace(/\.\d+Z$/, 'Z');
  const lines = [fitLine(`rackpilot status: ${snapshot.rack.name}${kind}`, time)];
  for (const notice of notices) lines.push(...wrap(`note: ${notice}`, '      '));
  lines.push('');
  for (const a of areas) lines.push(clip(`${a.area.padEnd(15)}${STATUS_WORD[a.status].padEnd(7)}${a.text}`));
  lines.push('');
  lines.push(clip(`${input.verdict}: ${countLine(findings)}`));
  // "healthy" covers only what some source reports: a cron reader must not take an unwatched area for a good one.
  const unwatched = unwatchedAreas(areas);
  if (unwatched.length) lines.push(...wrap(`not watched (no source reports them): ${unwatched.join(', ')}`, '      '));
  const causes = snapshot.diagnosis.causes;
  for (const c of causes.slice(0, MAX_CAUSES)) lines.push(...causeLines(c, findings));
  if (causes.length > MAX_CAUSES) {
    const rest = causes.slice(MAX_CAUSES).reduce((n, c) => n + c.members.length, 0);
    lines.push(clip(`... ${causes.length - MAX_CAUSES} more causes (${rest} findings): rackpilot status --json lists every finding`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One cause: its line with the worst severity of its group, what followed from it, what to do first; then the
 * findings that follow from it, indented by how far down the chain they are (the cause's finding is its line).
 */
function causeLines(c: Cause, findings: readonly Finding[]): string[] {
  const own = causeHead(c, findings);
  const out = [...wrap(`${SEVERITY_WORD[c.severity]}  ${c.summary}`, '      ')];
  if (c.followups) out.push(...wrap(`      ${c.followups}`, '        '));
  out.push(...wrap(`      -> ${c.hint}`, '         '));
  // One line per subject (its worst finding, the members are worst first): a shoot with five failing conditions is one line.
  const seen = new Map<string, number>();
  const rest = c.members.filter((m) => {
    if (m === own) return false;
    const key = subjectKey(findings[m.index]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return seen.get(key) === 1;
  });
  const shown = new Map<number, number>();
  // A line left out takes what follows from it along: no orphans under the line before it.
  let hiddenBelow = Number.POSITIVE_INFINITY;
  for (const m of rest) {
    if (m.depth > hiddenBelow) continue;
    hiddenBelow = Number.POSITIVE_INFINITY;
    const f = findings[m.index] as Finding;
    const indent = ' '.repeat(4 + 2 * causeIndent(m, own !== undefined));
    const before = shown.get(m.depth) ?? 0;
    shown.set(m.depth, before + 1);
    if (before >= MAX_PER_DEPTH) {
      hiddenBelow = m.depth;
      if (before === MAX_PER_DEPTH) {
        const left = rest.filter((x) => x.depth === m.depth).length - MAX_PER_DEPTH;
        out.push(clip(`${indent}... and ${left} more like these (--json lists every finding)`));
      }
      continue;
    }
    const more = (seen.get(subjectKey(f)) ?? 1) - 1;
    out.push(...wrap(`${indent}${SEVERITY_WORD[f.severity]}  ${f.summary}${more ? ` (+${more} more on it)` : ''}`, `${indent}      `));
  }
  return out;
}

/** Areas no configured source reports on (not those still waiting for a first answer). */
export function unwatchedAreas(areas: readonly AreaSummary[]): string[] {
  return areas.filter((a) => a.unwatched).map((a) => a.area);
}

const subjectKey = (f: Finding | undefined) => (f ? `${f.subject.kind}:${f.subject.id}` : '');

function countLine(findings: readonly Finding[]): string {
  const n = countBySeverity(findings);
  return `${n.critical} critical, ${n.warning} warning, ${n.info} info`;
}

/** Left text and right text on one line, the right one flush with column 80. */
function fitLine(left: string, right: string): string {
  const gap = STATUS_WIDTH - left.length - right.length;
  return gap >= 1 ? left + ' '.repeat(gap) + right : clip(`${left} ${right}`);
}

export function clip(line: string, width = STATUS_WIDTH): string {
  return line.length <= width ? line : `${line.slice(0, width - 3)}...`;
}

/** Word-wraps one line to 80 columns; continuation lines get the indent. Over-long words are clipped. */
export function wrap(text: string, indent: string, width = STATUS_WIDTH): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=\S) (?=\S)/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) {
      line = candidate;
      continue;
    }
    out.push(clip(line, width));
    line = indent + word.trimStart();
  }
  if (line) out.push(clip(line, width));
  return out;
}
