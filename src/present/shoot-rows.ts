import { type Shoot, shootKey } from '../model/shoot';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { type Column, compareText, makeRow, type RowSet, type Tone } from './rows';

export const SHOOT_COLUMNS: readonly Column[] = [
  { title: 'PROJECT/NAME', width: 'flex', keep: true },
  { title: 'SEED', width: 7 },
  { title: 'VERSION', width: 7 },
  { title: 'LAST OPERATION', width: 20 },
  { title: 'AGE', width: 4, min: 4, align: 'right' },
  { title: 'CONDITIONS', width: 12 },
  { title: 'HIB', width: 3 },
];

export function shootTone(s: Shoot): Tone | undefined {
  const op = s.lastOperation?.state;
  if (op === 'Failed' || s.conditions.some((c) => c.status === 'False')) return 'critical';
  if (op === 'Error' || s.conditions.some((c) => c.status === 'Unknown')) return 'warning';
  if (op === 'Processing') return 'info';
  return undefined;
}

/** "5/5 True", or the failing condition types in short: "2 False: EveryNode…". */
export function conditionSummary(s: Shoot): string {
  const ok = s.conditions.filter((c) => c.status === 'True').length;
  const bad = s.conditions.filter((c) => c.status === 'False').length;
  const unknown = s.conditions.filter((c) => c.status === 'Unknown').length;
  if (bad) return `${bad} False`;
  if (unknown) return `${unknown} Unknown`;
  return `${ok}/${s.conditions.length} True`;
}

export function shootRows(shoots: readonly Shoot[], now: EpochMs): RowSet {
  const rank = (s: Shoot) => ({ critical: 0, warning: 1, info: 2, ok: 3, muted: 3 })[shootTone(s) ?? 'ok'];
  const sorted = [...shoots].sort((a, b) => rank(a) - rank(b) || compareText(shootKey(a), shootKey(b)));
  const rows = sorted.map((s) => {
    const op = s.lastOperation;
    const opText = op ? `${op.type} ${op.state}${op.state === 'Processing' ? ` ${op.progress}%` : ''}` : '-';
    const age = op ? formatAge(now - op.lastUpdateTime) : '-';
    return makeRow(
      shootKey(s),
      [shootKey(s), s.seed, s.kubernetesVersion, opText, age, conditionSummary(s), s.hibernated ? 'yes' : 'no'],
      shootTone(s),
    );
  });
  return { columns: SHOOT_COLUMNS, rows };
}
