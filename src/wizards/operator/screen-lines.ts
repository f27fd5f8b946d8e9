import { formatAge } from '../../text/format-age';
import type { LogLine, SessionState, SessionStep } from './session';

const STEP_MARK: Record<SessionStep['state'], string> = {
  pending: '[ ]',
  running: '[>]',
  done: '[x]',
  skipped: '[-]',
  failed: '[!]',
  planned: '[~]',
};

/**
 * "[x] 2 Fence backups * 3m" — the mark reads without colour; * marks a destructive step. A finished step shows how
 * long it took on the run's clock; a running one shows no timer (while a prompt waits, nothing is running).
 */
export function stepLine(step: SessionStep, index: number): string {
  const took = step.startedAt !== undefined && step.endedAt !== undefined && step.state !== 'planned' ? ` ${formatAge(step.endedAt - step.startedAt)}` : '';
  return `${STEP_MARK[step.state]} ${index + 1} ${step.title}${step.destructive ? ' *' : ''}${took}`;
}

/** One line summing up where the run is. */
export function runStatusLine(s: SessionState): string {
  if (s.prompt?.kind === 'resume') return `${s.runbook.title}: an unfinished run was found`;
  const done = s.steps.filter((x) => x.state === 'done').length;
  const planned = s.steps.filter((x) => x.state === 'planned').length;
  const count = s.dryRun ? `${planned}/${s.steps.length} steps planned` : `${done}/${s.steps.length} steps done`;
  const end = s.ended ? ` - run ${s.ended.state}` : s.prompt ? ' - waiting for you' : '';
  return `${s.runbook.title}${s.dryRun ? ' (DRY RUN: nothing is executed)' : ''}: ${count}${end}`;
}

/** A log line, repeated progress collapsed: "waiting: ... (x19 over 57s; gives up in 13m)". */
export function logLine(l: LogLine): string {
  const parts: string[] = [];
  if (l.repeat > 1) parts.push(`x${l.repeat}${l.since !== undefined && l.last !== undefined ? ` over ${formatAge(l.last - l.since)}` : ''}`);
  if (l.until !== undefined && l.last !== undefined && l.text.startsWith('waiting')) parts.push(`gives up in ${formatAge(Math.max(0, l.until - l.last))}`);
  return parts.length ? `${l.text} (${parts.join('; ')})` : l.text;
}
