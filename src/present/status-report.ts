import type { Finding, Severity } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import type { AreaStatus, AreaSummary } from './area-summary';

export const STATUS_WIDTH = 80;
const MAX_FINDINGS = 8;

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
  for (const f of findings.slice(0, MAX_FINDINGS)) {
    lines.push(...wrap(`${SEVERITY_WORD[f.severity]}  ${f.summary}`, '      '));
    lines.push(...wrap(`      -> ${f.hint}`, '         '));
  }
  if (findings.length > MAX_FINDINGS) {
    lines.push(clip(`... ${findings.length - MAX_FINDINGS} more: rackpilot status --json lists every finding`));
  }
  return `${lines.join('\n')}\n`;
}

function countLine(findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${n('critical')} critical, ${n('warning')} warning, ${n('info')} info`;
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
