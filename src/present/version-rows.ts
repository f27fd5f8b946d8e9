import { beforeIncident, flagMark, looksEmpty, versionName } from '../backups/judge';
import type { BackupComponent, BackupVerdict, JudgedVersion } from '../model/backup';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { formatBytes } from '../text/format-bytes';
import { isoSeconds } from '../text/time-text';
import { type Column, makeRow, type RowSet, type Tone } from './rows';

/**
 * The one table of a component's backup versions, newest first, as the backup judge sees them: the Backups pane's
 * detail and the recovery wizard's version choice both show this, so they cannot disagree about which version
 * looks empty or which one is proposed. The last column names a version the way its restore is confirmed: the S3
 * VersionId for backup-restore-sidecar, the snapshot's own name for k3s and Gardener etcd (separate objects).
 */
export function versionRows(component: BackupComponent, verdict: BackupVerdict, o: { readonly now: EpochMs; readonly incidentStart: EpochMs | undefined }): RowSet {
  const incident = o.incidentStart !== undefined;
  const byId = component.tool === 'backup-restore-sidecar';
  const columns: Column[] = [
    // When it was taken names a version for a person, and LOOKS is its verdict: neither is cut.
    { title: 'TIME (UTC)', width: 19, keep: true },
    { title: 'SIZE', width: 9, align: 'right' },
    // The size beside the one above says the change: on a narrow terminal CHANGE leaves first, so the distance to
    // the incident ("2m before", "43s AFTER": the point of this table during one) and the version id keep their room.
    { title: 'CHANGE', width: 9, align: 'right', drop: 1 },
    // Against an incident the distance to it says more than the age.
    incident ? { title: 'VS INCIDENT', width: 11, align: 'right', keep: true } : { title: 'AGE', width: 5, align: 'right' },
    { title: 'LOOKS', width: 14, keep: true },
    { title: byId ? 'VERSION ID' : 'SNAPSHOT', width: 'flex' },
  ];
  const rows = verdict.versions.map((j) => {
    const v = j.version;
    return makeRow(
      v.versionId,
      [
        isoSeconds(v.time),
        formatBytes(v.size),
        change(j),
        incident ? vsIncident(j, o.incidentStart) : formatAge(o.now - v.time),
        looks(j, verdict),
        `${versionName(component, v)}${byId && v.isLatest ? ' (latest)' : ''}${v.copyOf ? ` (copy of ${v.copyOf.versionId.slice(0, 8)})` : ''}`,
      ],
      toneOf(j),
    );
  });
  return { columns, rows };
}

/** A size flag is critical (probably an empty database); written after the incident alone is a warning. */
export function toneOf(j: JudgedVersion): Tone | undefined {
  if (looksEmpty(j.flags)) return 'critical';
  return j.flags.length > 0 ? 'warning' : undefined;
}

/** "good, proposed", "good", or the judge's marks ("EMPTY? AFTER INCIDENT"). */
export function looks(j: JudgedVersion, verdict: BackupVerdict): string {
  if (j.good) return j === verdict.proposal ? 'good, proposed' : 'good';
  return j.flags.map(flagMark).join(' ');
}

function change(j: JudgedVersion): string {
  return j.delta === undefined ? 'oldest' : `${j.delta >= 0 ? '+' : '-'}${formatBytes(Math.abs(j.delta))}`;
}

/** "5m before", "2m AFTER": a version taken at the very moment of the incident already counts as after it. */
export function vsIncident(j: JudgedVersion, incidentStart: EpochMs | undefined): string {
  const b = beforeIncident(j.version, incidentStart);
  if (b === undefined) return '-';
  return b > 0 ? `${formatAge(b)} before` : `${formatAge(-b)} AFTER`;
}
