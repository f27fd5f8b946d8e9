/**
 * One s3 call of a runbook through the S3 client: the promote of a restore (CopyObject of the chosen VersionId onto
 * its own key, metadata naming the source, so the sidecar's "newest by LastModified" is that data) and what goes with
 * it. The promote is made idempotent by HeadObject before it: when the newest version already is a copy of the
 * chosen one, a resumed run (rackpilot killed after the copy, before the journal said so) does not copy again.
 */
import type { S3Store } from '../../clients/s3/s3-store';
import { COPY_OF_METADATA } from '../../model/backup';
import type { RealCall } from '../engine/calls';
import { checkVersions } from './check-versions';

type S3Call = Extract<RealCall, { kind: 's3' }>;

export interface S3CallIo {
  readonly signal: AbortSignal;
  readonly output: (line: string) => void;
}

export async function runS3Call(store: S3Store, call: S3Call, io: S3CallIo): Promise<void> {
  const { bucket, key } = call;
  switch (call.op) {
    case 'copy-version': {
      const versionId = call.versionId;
      if (!versionId) throw new Error(`copy-version of ${key} names no version`);
      const before = headOf(await store.head(bucket, key, io.signal));
      if (before.copyOf === versionId) {
        io.output(`${key}: the newest version ${before.versionId} already is a copy of ${versionId}; not copied again`);
        return;
      }
      const copied = await store.copyVersion(bucket, key, versionId, call.metadata ?? { [COPY_OF_METADATA.versionId]: versionId }, io.signal);
      const made = field(copied, 'VersionId');
      const after = headOf(await store.head(bucket, key, io.signal));
      if (after.copyOf !== versionId) throw new Error(`after the copy, the newest version of ${key} (${after.versionId}) does not name ${versionId} as its source`);
      io.output(`${key}: version ${versionId} copied onto the key as ${made ?? after.versionId} (${after.size} bytes)`);
      return;
    }
    case 'head-object': {
      const h = headOf(await store.head(bucket, key, io.signal, call.versionId));
      io.output(`${key}: newest version ${h.versionId}, ${h.size} bytes${h.copyOf ? `, a copy of ${h.copyOf}` : ''}`);
      return;
    }
    case 'copy-object': {
      if (!call.to) throw new Error(`copy-object of ${key} names no target key`);
      await store.copyObject(bucket, key, call.to, io.signal);
      io.output(`${key} copied to ${call.to}`);
      return;
    }
    case 'delete-object':
      await store.deleteObject(bucket, key, io.signal);
      io.output(`${key} deleted (its versions stay under a delete marker)`);
      return;
    case 'check-versions':
      await checkVersions(store, call, io, (answer) => headOf(answer).copyOf);
      return;
  }
}

/** What HeadObject said that the promote checks: the version, its size, and the version it is a copy of. */
function headOf(answer: unknown): { versionId: string; size: number; copyOf?: string } {
  const metadata = field(answer, 'Metadata');
  // S3 hands user metadata back with lower-case keys (radosgw and AWS alike).
  const copyOf = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)[COPY_OF_METADATA.versionId.toLowerCase()] : undefined;
  const size = field(answer, 'ContentLength');
  return { versionId: String(field(answer, 'VersionId') ?? 'null'), size: typeof size === 'number' ? size : 0, ...(typeof copyOf === 'string' ? { copyOf } : {}) };
}

function field(answer: unknown, name: string): unknown {
  return typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[name] : undefined;
}
