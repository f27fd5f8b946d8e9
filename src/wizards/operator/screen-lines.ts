import type { SessionState, SessionStep } from './session';
export { specText } from '../engine/spec-text';
import type { AssessedVersion } from '../version-choice';
import { formatAge } from '../../text/format-age';
import { formatBytes } from '../../text/format-bytes';
import { type Column, makeRow, type RowSet } from '../../present/rows';
import { isoSeconds } from '../../text/time-text';

const STEP_MARK: Record<SessionStep['state'], string> = {
  pending: '[ ]',
  running: '[>]',
  done: '[x]',
  skipped: '[-]',
  failed: '[!]',
};

/** "[x] 2 Fence backups *" — the mark reads without colour; * marks a destructive step. */
export function stepLine(step: SessionStep, index: number, now: number): string {
  const took =
    step.startedAt !== undefined ? ` ${formatAge((step.endedAt ?? now) - step.startedAt)}` : '';
  return `${STEP_MARK[step.state]} ${index + 1} ${step.title}${step.destructive ? ' *' : ''}${step.state === 'pending' ? '' : took}`;
}


export const VERSION_CHOICE_COLUMNS: readonly Column[] = [
  { title: 'TIME (UTC)', width: 19 },
  { title: 'SIZE', width: 9, align: 'right' },
  { title: 'CHANGE', width: 9, align: 'right' },
  { title: 'VS INCIDENT', width: 12, align: 'right' },
  { title: 'VERSION ID', width: 'flex' },
  { title: 'LOOKS', width: 14 },
];

/** Every version for the operator to pick from, newest first, with what looks wrong about it. */
export function versionChoiceRows(versions: readonly AssessedVersion[], preselected?: string): RowSet {
  const rows = versions.map((a) => {
    const v = a.version;
    const change = a.delta === undefined ? 'oldest' : `${a.delta >= 0 ? '+' : '-'}${formatBytes(Math.abs(a.delta))}`;
    const vsIncident =
      a.beforeIncident === undefined ? '-' : a.beforeIncident > 0 ? `${formatAge(a.beforeIncident)} before` : `${formatAge(-a.beforeIncident)} AFTER`;
    const looks = a.good
      ? v.versionId === preselected
        ? 'good, proposed'
        : 'good'
      : a.flags.map((f) => (f === 'much-smaller' ? 'EMPTY?' : 'AFTER INCIDENT')).join(' ');
    return makeRow(
      v.versionId,
      [isoSeconds(v.time), formatBytes(v.size), change, vsIncident, v.versionId, looks],
      a.good ? undefined : 'critical',
    );
  });
  return { columns: VERSION_CHOICE_COLUMNS, rows };
}

/** One line summing up where the run is. */
export function runStatusLine(s: SessionState): string {
  const done = s.steps.filter((x) => x.state === 'done').length;
  const end = s.ended ? ` - run ${s.ended.state}` : '';
  return `${s.runbook.title}${s.dryRun ? ' (DRY RUN: nothing is executed)' : ''}: ${done}/${s.steps.length} steps done${end}`;
}
