/**
 * `rackpilot doctor` for one backup component: one poll of its S3 source, exactly as the console reads it, summed
 * up in a line (versioning, versions, newest, the lifecycle rule), or why it failed.
 */
import type { BackupComponent } from '../../model/backup';
import { describeError } from '../../errors';
import { formatBytes } from '../../text/format-bytes';
import { isoMinutes } from '../../text/time-text';
import { visibleData } from '../../text/visible-data';
import type { Source } from '../source';

export interface BackupCheck {
  readonly ok: boolean;
  readonly id: string;
  /** endpoint/bucket/prefix */
  readonly where: string;
  readonly detail: string;
  readonly millis: number;
}

export async function checkBackup(id: string, where: string, source: Source): Promise<BackupCheck> {
  const started = Date.now();
  const done = (ok: boolean, detail: string) => visibleData({ ok, id, where, detail, millis: Date.now() - started });
  try {
    const data = await source.poll(AbortSignal.timeout(source.timeout ?? 60_000));
    const c = data.backups?.[0];
    return c ? done(c.store.versioning === 'Enabled' || c.tool !== 'backup-restore-sidecar', summary(c)) : done(false, 'no answer');
  } catch (error) {
    return done(false, describeError(error));
  } finally {
    await source.close?.();
  }
}

function summary(c: BackupComponent): string {
  const newest = c.versions[0];
  const l = c.listing?.lifecycle;
  const rule = !l ? '' : l.state === 'rule' ? `lifecycle ${l.id ?? 'rule'}${l.newerNoncurrentVersions !== undefined ? ` keeps ${l.newerNoncurrentVersions}` : ''}${l.noncurrentDays !== undefined ? ` ${l.noncurrentDays} d` : ''}` : l.state === 'none' ? 'no lifecycle rule' : 'lifecycle unreadable';
  return [
    `versioning ${c.store.versioning}`,
    `${c.versions.length} version${c.versions.length === 1 ? '' : 's'}`,
    ...(newest ? [`newest ${isoMinutes(newest.time)} UTC ${formatBytes(newest.size)}`] : []),
    ...(rule ? [rule] : []),
    ...(c.store.outsideRack ? [] : ['IN-RACK']),
  ].join('; ');
}
