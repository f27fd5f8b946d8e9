// The S3 source polled twice over a stand-in store: the same listing gives the same object (the store publishes
// nothing and no pane redraws), a new version gives a new one.
import { describe, expect, it } from 'vitest';
import type { S3Store } from '../../../src/clients/s3/s3-store';
import { createS3BackupSource } from '../../../src/sources/s3/backup-source';

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 7, 0, s));
const version = (id: string, s: number) => ({ Key: 'metal-db/db.tar.gz', VersionId: id, LastModified: at(s), Size: 1000 + s, IsLatest: false, ETag: `"${id}"` });

function standIn(versions: ReturnType<typeof version>[]): S3Store {
  const none = () => Promise.reject(new Error('not used'));
  return {
    endpoint: 'http://127.0.0.1:7480',
    versioning: async () => ({ Status: 'Enabled' }),
    // A fresh answer every call, as the SDK gives.
    listVersions: async () => [{ Versions: versions.map((v) => ({ ...v })), IsTruncated: false }],
    lifecycle: async () => undefined,
    metadata: async () => ({ Metadata: {} }),
    head: none,
    copyVersion: none,
    copyObject: none,
    deleteObject: none,
    close: () => {},
  };
}

describe('s3 backup source (stand-in store)', () => {
  it('the same listing twice gives the same object; a new version gives a new one', async () => {
    const versions = [version('a', 1), version('b', 2)];
    const source = createS3BackupSource({
      component: { id: 'metal-db', name: 'metal-db', owner: 'metal', tool: 'backup-restore-sidecar', database: 'rethinkdb', endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'b', prefix: 'metal-db', schedule: '@hourly', scheduleEvery: 3_600_000, versionsKept: 20 },
      store: async () => standIn(versions),
      addresses: async () => ['127.0.0.1'],
      rackNetworks: [],
      interval: 60_000,
      timeout: 60_000,
    });
    const signal = new AbortController().signal;
    const first = await source.poll(signal);
    expect(await source.poll(signal)).toBe(first);
    versions.push(version('c', 3));
    const third = await source.poll(signal);
    expect(third).not.toBe(first);
    expect(third.backups?.[0]?.versions.map((v) => v.versionId)).toEqual(['c', 'b', 'a']);
  });
});
