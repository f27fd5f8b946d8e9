/**
 * The S3 benchmark's writer, in a process of its own so its SDK calls do not count as the client's time or memory:
 * plays backup-restore-sidecar on the S3 lab. `seed` makes a versioned bucket with the sidecar's lifecycle rule and
 * writes the versions (tiny bodies, PutObject in parallel); `put` writes one more version of a key.
 */
import { CreateBucketCommand, PutBucketLifecycleConfigurationCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';

export type WriterRequest =
  | { type: 'seed'; endpoint: string; bucket: string; keys: { key: string; versions: number }[] }
  | { type: 'put'; bucket: string; key: string; size: number }
  | { type: 'close' };
export type WriterReply = { type: 'seeded'; versions: number; ms: number } | { type: 'put'; versionId: string };

const PARALLEL = 32;
let s3: S3Client | undefined;

/** Sizes vary a little, as real dumps do, and never drop far: the judge finds nothing to flag. */
const size = (i: number) => 2000 + (i % 97);

async function seed(r: Extract<WriterRequest, { type: 'seed' }>): Promise<WriterReply> {
  const t0 = performance.now();
  const accessKeyId = process.env.BENCH_S3_ACCESS ?? '';
  const secretAccessKey = process.env.BENCH_S3_SECRET ?? '';
  s3 = new S3Client({ endpoint: r.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  const client = s3;
  await client.send(new CreateBucketCommand({ Bucket: r.bucket }));
  await client.send(new PutBucketVersioningCommand({ Bucket: r.bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await client.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: r.bucket,
      LifecycleConfiguration: { Rules: [{ ID: 'bench-backup-restore-lifecycle', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 14 } }] },
    }),
  );
  const limit = pLimit(PARALLEL);
  const puts = r.keys.flatMap(({ key, versions }) =>
    Array.from({ length: versions }, (_, i) => limit(() => client.send(new PutObjectCommand({ Bucket: r.bucket, Key: key, Body: Buffer.alloc(size(i), 7) })))),
  );
  await Promise.all(puts);
  return { type: 'seeded', versions: puts.length, ms: performance.now() - t0 };
}

async function handle(r: WriterRequest): Promise<WriterReply | undefined> {
  if (r.type === 'seed') return seed(r);
  if (r.type === 'put') {
    const answer = await s3?.send(new PutObjectCommand({ Bucket: r.bucket, Key: r.key, Body: Buffer.alloc(r.size, 7) }));
    return { type: 'put', versionId: answer?.VersionId ?? '' };
  }
  s3?.destroy();
  process.exit(0);
}

process.on('message', (r: WriterRequest) => {
  handle(r).then(
    (reply) => reply && process.send?.(reply),
    (error: unknown) => {
      process.stderr.write(`bench s3 writer: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
