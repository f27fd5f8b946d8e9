import type { Finding } from '../health/finding';
import type { BackupComponent } from '../model/backup';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { formatBytes } from '../text/format-bytes';
import { type Column, makeRow, type RowSet, type Tone } from './rows';

export const BACKUP_COLUMNS: readonly Column[] = [
  { title: 'COMPONENT', width: 'flex', keep: true },
  // Two metal-dbs (initial and nested) differ by owner only: it names the row as much as the component does.
  { title: 'OWNER', width: 20, keep: true },
  // "external" is the rule and IN-RACK a finding of its own; the version count is in the detail.
  { title: 'STORE', width: 9, drop: 1 },
  { title: 'VERS', width: 4, align: 'right', drop: 2 },
  { title: 'NEWEST', width: 6, min: 6, align: 'right' },
  { title: 'SIZE', width: 9, align: 'right' },
  { title: 'ANOMALIES', width: 16 },
];

const toneOf = (findings: readonly Finding[]): Tone | undefined =>
  findings.some((f) => f.severity === 'critical') ? 'critical' : findings.some((f) => f.severity === 'warning') ? 'warning' : undefined;

/** Backups pane rows; anomalies are the backup findings' rule ids in short. */
export function backupRows(components: readonly BackupComponent[], findings: readonly Finding[], now: EpochMs): RowSet {
  const rows = components.map((b) => {
    const mine = findings.filter((f) => f.subject.kind === 'backup' && f.subject.id === b.id);
    const newest = b.versions[0];
    const store = `${b.store.outsideRack ? 'external' : 'IN-RACK'}${b.store.versioning === 'Enabled' ? '' : '!'}`;
    return makeRow(
      b.id,
      [
        b.name,
        b.owner,
        store,
        String(b.versions.length),
        newest ? formatAge(now - newest.time) : 'never',
        newest ? formatBytes(newest.size) : '-',
        [b.paused ? 'paused' : '', ...mine.map((f) => f.rule.replace(/^backup-/, ''))].filter(Boolean).join(' ') || '-',
      ],
      toneOf(mine),
    );
  });
  return { columns: BACKUP_COLUMNS, rows };
}
