/**
 * The restore's promote on a real Ceph radosgw with object versioning (the S3 lab): the chosen older version of
 * metal-db/db.tar.gz copied onto its own key (metadata naming the source) becomes the newest with exactly its data;
 * run again after a crash it copies nothing (HeadObject says it is done); radosgw stopped mid-run is the step's
 * one-line error and the retry works once it is back.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realExecutor } from '../../commands/wizard/real-executor';
import { createS3Store, type S3Store } from '../../src/clients/s3/s3-store';
import { loadConfig } from '../../src/config';
import { COPY_OF_METADATA } from '../../src/model/backup';
import { runS3Call } from '../../src/wizards/real-executor/s3-call';
import { ACCESS, type S3Lab, SECRET, s3LabAvailability, startS3Lab } from './s3/harness';

const availability = await s3LabAvailability();
const KEY = 'metal-db/db.tar.gz';
let lab: S3Lab;
let s3: S3Client;
let store: S3Store;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const body = (size: number, fill: number) => Buffer.alloc(size, fill);
const versions = async () => (await s3.send(new ListObjectVersionsCommand({ Bucket: 'promote', Prefix: 'metal-db/' }))).Versions ?? [];
const newest = async () => new Uint8Array(await ((await s3.send(new GetObjectCommand({ Bucket: 'promote', Key: KEY }))).Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));

async function promote(versionId: string): Promise<string[]> {
  const lines: string[] = [];
  const metadata = { [COPY_OF_METADATA.versionId]: versionId, [COPY_OF_METADATA.time]: '2026-11-30T03:00:00.000Z' };
  await runS3Call(store, { kind: 's3', op: 'copy-version', endpoint: lab.endpoint, bucket: 'promote', key: KEY, versionId, metadata }, { signal: new AbortController().signal, output: (l) => lines.push(l) });
  return lines;
}

describe.skipIf(!availability.ok)(`the promote of a restore on a real radosgw${availability.ok ? '' : ` (skipped: ${availability.reason})`}`, () => {
  beforeAll(async () => {
    lab = await startS3Lab();
    s3 = new S3Client({ endpoint: lab.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET } });
    store = await createS3Store({ endpoint: lab.endpoint, region: 'us-east-1', pathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET }, timeout: 3_000 });
    await s3.send(new CreateBucketCommand({ Bucket: 'promote' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'promote', VersioningConfiguration: { Status: 'Enabled' } }));
  }, 180_000);
  afterAll(async () => {
    store?.close();
    s3?.destroy();
    await lab?.stop();
  });

  it('copies the chosen version onto the key with exactly its data, once, and says so', async () => {
    const ids: string[] = [];
    for (const [size, fill] of [[256 * 1024, 1], [300 * 1024, 2], [512, 3]] as const) {
      ids.push((await s3.send(new PutObjectCommand({ Bucket: 'promote', Key: KEY, Body: body(size, fill) }))).VersionId as string);
    }
    const good = ids[1] as string;
    const first = await promote(good);
    expect(first).toEqual([expect.stringMatching(new RegExp(`^${KEY}: version ${good} copied onto the key as \\S+ \\(307200 bytes\\)$`))]);
    expect(sha(await newest())).toBe(sha(body(300 * 1024, 2)));
    expect(await versions()).toHaveLength(4);
    // rackpilot killed after the copy, before its journal said so: the rerun finds the copy and copies nothing.
    const again = await promote(good);
    expect(again).toEqual([expect.stringMatching(new RegExp(`already is a copy of ${good}; not copied again$`))]);
    expect(await versions()).toHaveLength(4);
    const head: string[] = [];
    await runS3Call(store, { kind: 's3', op: 'head-object', endpoint: lab.endpoint, bucket: 'promote', key: KEY }, { signal: new AbortController().signal, output: (l) => head.push(l) });
    expect(head).toEqual([expect.stringMatching(new RegExp(`^${KEY}: newest version \\S+, 307200 bytes, a copy of ${good}$`))]);
  });

  it('radosgw stopped mid-run: the call fails with one S3 line; once it is back, the retry promotes', async () => {
    const older = (await versions()).find((v) => v.Size === 256 * 1024)?.VersionId as string;
    await lab.gateway('stop');
    try {
      await expect(promote(older)).rejects.toThrow(/^s3 http:\/\/127\.0\.0\.1:\d+ HeadObject promote: .*(refused|no answer)/);
    } finally {
      await lab.gateway('start');
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await promote(older);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    expect(sha(await newest())).toBe(sha(body(256 * 1024, 1)));
  }, 90_000);

  it('through the real executor of a config: the component of backups: gives the credentials; a resumed promote copies nothing', async () => {
    const file = join(lab.dir, 'executor.yaml');
    writeFileSync(file, `backups:\n  - { id: metal-db, endpoint: "${lab.endpoint}", bucket: promote, accessKeyIdEnv: LAB_AK, secretAccessKeyEnv: LAB_SK }\n`);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: lab.dir } });
    const executor = realExecutor(config, { LAB_AK: ACCESS, LAB_SK: SECRET });
    const chosen = (await versions()).find((v) => v.Size === 256 * 1024 && v.IsLatest)?.VersionId;
    const source = (await versions()).find((v) => v.Size === 256 * 1024 && !v.IsLatest && v.VersionId !== chosen)?.VersionId as string;
    const call = { kind: 's3', endpoint: lab.endpoint, bucket: 'promote', key: KEY } as const;
    const lines: string[] = [];
    const outcome = await executor.run(
      {
        id: 'promote',
        description: 'promote the chosen version',
        effect: { op: 'promote-version', component: 'metal-db', versionId: source },
        calls: [{ ...call, op: 'copy-version', versionId: source, metadata: { [COPY_OF_METADATA.versionId]: source } }, { ...call, op: 'head-object' }],
        destructive: true,
      },
      { signal: new AbortController().signal, output: (l) => lines.push(l) },
    );
    expect(outcome).toEqual({ ok: true });
    expect(lines[0]).toMatch(/^\$ aws s3api --endpoint-url http:\/\/127\.0\.0\.1:\d+ copy-object --bucket promote --key metal-db\/db\.tar\.gz --copy-source/);
    expect(lines.join('\n')).toContain(`already is a copy of ${source}; not copied again`);
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
