/**
 * The live re-read before a restore changes anything: the versions of the key are listed again (all pages) and
 * compared with the choice. The chosen version must still be there (a lifecycle rule or a person may have
 * removed it since), and nothing may be newer than the version that was the newest when it was chosen, except a
 * copy of the chosen one (this run's promote, when a resumed run checks again). Either failing stops the action
 * before it changes anything, with what was found.
 */
import type { S3Store } from '../../clients/s3/s3-store';
import type { RealCall } from '../engine/calls';
import type { S3CallIo } from './s3-call';
import { formatBytes } from '../../text/format-bytes';
import { isoSeconds } from '../../text/time-text';

type S3Call = Extract<RealCall, { kind: 's3' }>;

interface Listed {
  readonly versionId: string;
  readonly time: number;
  readonly size: number;
}

export async function checkVersions(store: S3Store, call: S3Call, io: S3CallIo, copyOf: (answer: unknown) => string | undefined): Promise<void> {
  const { bucket, key } = call;
  const chosen = call.versionId;
  if (!chosen) throw new Error(`check-versions of ${key} names no chosen version`);
  const versions = listedVersions(await store.listVersions(bucket, key, io.signal), key);
  if (!versions.some((v) => v.versionId === chosen)) {
    throw new Error(`${key}: the chosen version ${chosen} is no longer in the bucket (deleted or expired since it was chosen); nothing was changed: start over to choose again`);
  }
  const seen = call.newestSeen === undefined ? 0 : versions.findIndex((v) => v.versionId === call.newestSeen);
  if (seen < 0) throw new Error(`${key}: version ${call.newestSeen}, the newest when the version was chosen, is no longer in the bucket; nothing was changed: start over to choose again`);
  for (const v of versions.slice(0, seen)) {
    if (copyOf(await store.head(bucket, key, io.signal, v.versionId)) === chosen) continue;
    throw new Error(
      `${key}: a new upload since the version was chosen: ${v.versionId} of ${isoSeconds(v.time)} UTC (${formatBytes(v.size)}). Something still writes backups (is the database really stopped?); nothing was changed: start over to choose again`,
    );
  }
  io.output(`${key}: chosen version ${chosen} still there; no upload since it was chosen (${versions.length} versions)`);
}

/** Versions of exactly `key` from ListObjectVersions pages, newest first (by LastModified, as the sidecar sorts). */
function listedVersions(pages: readonly unknown[], key: string): Listed[] {
  const out: Listed[] = [];
  for (const page of pages) {
    const list = typeof page === 'object' && page !== null ? (page as { Versions?: unknown }).Versions : undefined;
    if (!Array.isArray(list)) continue;
    for (const v of list as { Key?: unknown; VersionId?: unknown; LastModified?: unknown; Size?: unknown }[]) {
      if (v.Key !== key || typeof v.VersionId !== 'string') continue;
      const time = v.LastModified instanceof Date ? v.LastModified.getTime() : Date.parse(String(v.LastModified));
      out.push({ versionId: v.VersionId, time: Number.isFinite(time) ? time : 0, size: typeof v.Size === 'number' ? v.Size : 0 });
    }
  }
  return out.sort((a, b) => b.time - a.time);
}
