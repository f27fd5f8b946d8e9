import type { Finding } from '../health/finding';
import type { BackupComponent } from '../model/backup';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { formatBytes, formatChange } from '../text/format-bytes';
import { type Column, makeRow, type RowSet, type Tone } from './rows';
import { isoSeconds } from '../text/time-text';

export const BACKUP_COLUMNS: readonly Column[] = [
  { title: 'COMPONENT', width: 'flex' },
  { title: 'OWNER', width: 20 },
  { title: 'STORE', width: 9 },
  { title: 'VERS', width: 4, align: 'right' },
  { title: 'NEWEST', width: 6, align: 'right' },
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

export const VERSION_COLUMNS: readonly Column[] = [
  { title: 'TIME (UTC)', width: 20 },
  { title: 'AGE', width: 5, align: 'right' },
  { title: 'SIZE', width: 9, align: 'right' },
  { title: 'CHANGE', width: 7, align: 'right' },
  { title: 'VERSION ID', width: 'flex' },
];

/** Every version of one component, newest first, with the change against the previous (older) version. */
export function versionRows(component: BackupComponent, now: EpochMs, smallRatio = 0.5): RowSet {
  const v = component.versions;
  const rows = v.map((version, i) => {
    const older = v[i + 1]?.size;
    const suspicious = older !== undefined && version.size < smallRatio * older;
    return makeRow(
      version.versionId,
      [
        isoSeconds(version.time),
        formatAge(now - version.time),
        formatBytes(version.size),
        formatChange(version.size, older),
        `${version.versionId}${version.isLatest ? ' (latest)' : ''}`,
      ],
      suspicious ? 'critical' : undefined,
    );
  });
  return { columns: VERSION_COLUMNS, rows };
}
