/**
 * Findings from what only a live S3 listing shows (BackupComponent.listing): what backup-restore-sidecar itself
 * would make of the prefix (it lists one page of at most 1,000 entries, the bare prefix without "/", and ignores
 * delete markers), and the lifecycle rule that decides how long old versions survive.
 */
import type { BackupComponent, StoreListing } from '../model/backup';
import { isoMinutes } from '../text/time-text';
import type { Finding, Severity } from './finding';

type Make = (rule: string, severity: Severity, summary: string, hint: string) => Finding;

/** ListObjectVersions answers at most this many entries per page; the sidecar reads only the first page. */
const SIDECAR_PAGE = 1000;

export function storeFindings(b: BackupComponent, label: string, make: Make): Finding[] {
  const l = b.listing;
  if (!l) return [];
  const sidecar = b.tool === 'backup-restore-sidecar';
  const where = `${b.store.bucket}/${b.store.prefix}`;
  const out: Finding[] = [];
  if (sidecar && l.entries > SIDECAR_PAGE) {
    out.push(
      make(
        'backup-over-1000-versions',
        'warning',
        `${l.entries} versions and delete markers under ${where} (${label}): ${b.tool} reads only the first ${SIDECAR_PAGE} when it restores`,
        'it may not see the newest backup of its key; lower object-max-keep or move other keys out of the prefix, and restore by VersionId',
      ),
    );
  }
  if (sidecar && l.foreignKeys.length > 0) out.push(overlap(b, l, label, make));
  const deleted = l.deletedKeys[0];
  if (deleted) {
    out.push(
      make(
        'backup-delete-marker',
        'warning',
        `${deleted.key} (${label}) was deleted at ${isoMinutes(deleted.time)} UTC: its newest entry is a delete marker, a plain GET or object listing sees no backup`,
        sidecar
          ? `${b.tool} ignores delete markers and would still restore the newest version by time; remove the marker (aws s3api delete-object --version-id <marker>) once the cause is known`
          : `${b.tool} lists objects, not versions: it sees no snapshot there; remove the delete marker to bring the object back`,
      ),
    );
  }
  if (sidecar && l.lifecycle.state === 'none') {
    out.push(
      make(
        'backup-lifecycle-missing',
        'warning',
        `no enabled lifecycle rule expires old versions under ${where} (${label}): ${b.tool} writes one each time it starts`,
        'check that the sidecar uses this bucket and object-prefix; without the rule versions pile up and the kept window is unknown',
      ),
    );
  }
  if (l.lifecycle.state === 'unreadable') {
    out.push(
      make(
        'backup-lifecycle-unreadable',
        'info',
        `the lifecycle rules of ${b.store.bucket} cannot be read (${l.lifecycle.reason}); assuming ${b.policy.versionsKept} kept versions for ${label}`,
        'grant s3:GetLifecycleConfiguration to the read-only user, or set versionsKept in backups:',
      ),
    );
  }
  return out;
}

/** Critical when a foreign key holds the newest version: the sidecar restores the newest of everything it lists. */
function overlap(b: BackupComponent, l: StoreListing, label: string, make: Make): Finding {
  const first = l.foreignKeys[0] as StoreListing['foreignKeys'][number];
  const newestOwn = b.versions[0]?.time ?? Number.NEGATIVE_INFINITY;
  const wins = first.newest > newestOwn;
  const more = l.foreignKeys.length > 1 ? ` and ${l.foreignKeys.length - 1} more key(s)` : '';
  return make(
    'backup-prefix-overlap',
    wins ? 'critical' : 'warning',
    `prefix "${b.store.prefix}" of ${label} also matches ${first.key}${more}: ${b.tool} lists the bare prefix and restores the newest of all${wins ? `, which now is ${first.key} of ${isoMinutes(first.newest)} UTC` : ''}`,
    `move ${first.key} out of the prefix (or rename the object-prefix so no other key starts with it) before a restore picks it`,
  );
}
