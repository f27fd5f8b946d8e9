/**
 * The live re-read before a restore changes anything (s3 op check-versions), on a stand-in S3 store that answers
 * from a list of versions: the choice holds, the chosen version vanished, a new upload since the choice, and a
 * resumed run that finds its own promote on top.
 */
import { describe, expect, it } from 'vitest';
import type { S3Store } from '../../../src/clients/s3/s3-store';
import type { RealCall } from '../../../src/wizards/engine/calls';
import { callText } from '../../../src/wizards/engine/calls';
import { runS3Call } from '../../../src/wizards/real-executor/s3-call';

const KEY = 'metal-db/db.tar.gz';
interface V {
  id: string;
  at: string;
  size: number;
  copyOf?: string;
}

function standInStore(versions: V[]): S3Store {
  const none = () => Promise.reject(new Error('not used here'));
  return {
    endpoint: 'http://s3.test',
    versioning: none,
    lifecycle: none,
    metadata: none,
    copyVersion: none,
    copyObject: none,
    deleteObject: none,
    close: () => undefined,
    listVersions: async () => [{ Versions: versions.map((v) => ({ Key: KEY, VersionId: v.id, LastModified: new Date(v.at), Size: v.size })) }],
    head: async (_b, _k, _s, versionId) => {
      const v = versions.find((x) => x.id === versionId);
      return { VersionId: versionId, ContentLength: v?.size, Metadata: v?.copyOf ? { 'rackpilot-restored-from': v.copyOf } : {} };
    },
  } as S3Store;
}

const call: Extract<RealCall, { kind: 's3' }> = { kind: 's3', op: 'check-versions', endpoint: 'http://s3.test', bucket: 'b', key: KEY, versionId: 'good', newestSeen: 'tiny2' };
const history: V[] = [
  { id: 'tiny2', at: '2026-11-30T08:06:00Z', size: 300 },
  { id: 'tiny1', at: '2026-11-30T08:03:00Z', size: 310 },
  { id: 'good', at: '2026-11-30T07:57:00Z', size: 2_000_000 },
];

async function check(versions: V[], c = call): Promise<string[]> {
  const lines: string[] = [];
  await runS3Call(standInStore(versions), c, { signal: new AbortController().signal, output: (l) => lines.push(l) });
  return lines;
}

describe('check-versions: the versions re-read live before a restore changes anything', () => {
  it('is shown as the listing it makes', () => {
    expect(callText(call)).toBe('$ aws s3api --endpoint-url http://s3.test list-object-versions --bucket b --prefix metal-db/db.tar.gz');
  });

  it('passes when the chosen version is there and nothing is newer than the newest seen at the choice', async () => {
    expect(await check(history)).toEqual([`${KEY}: chosen version good still there; no upload since it was chosen (3 versions)`]);
  });

  it('stops when the chosen version vanished', async () => {
    await expect(check(history.filter((v) => v.id !== 'good'))).rejects.toThrow(`${KEY}: the chosen version good is no longer in the bucket (deleted or expired since it was chosen); nothing was changed`);
  });

  it('stops on a new upload since the choice, naming it', async () => {
    const later = [{ id: 'tiny3', at: '2026-11-30T08:09:00Z', size: 290 }, ...history];
    await expect(check(later)).rejects.toThrow(`${KEY}: a new upload since the version was chosen: tiny3 of 2026-11-30 08:09:00 UTC (290 B). Something still writes backups (is the database really stopped?)`);
  });

  it("accepts this run's own promote on top (a resumed run checking again before clearing the data)", async () => {
    const promoted = [{ id: 'copy', at: '2026-11-30T08:10:00Z', size: 2_000_000, copyOf: 'good' }, ...history];
    expect(await check(promoted)).toEqual([`${KEY}: chosen version good still there; no upload since it was chosen (4 versions)`]);
  });

  it('stops when the newest version seen at the choice is gone', async () => {
    await expect(check(history.slice(1))).rejects.toThrow(`${KEY}: version tiny2, the newest when the version was chosen, is no longer in the bucket`);
  });
});
