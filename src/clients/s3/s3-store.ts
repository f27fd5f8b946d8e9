/**
 * A read-only S3 client for one endpoint: bucket versioning, every object version under a prefix (all pages),
 * the bucket's lifecycle rules and one version's metadata. Each call has its own time limit and honours the
 * caller's abort; every failure is one line (s3-error.ts). @aws-sdk/client-s3 is imported here when a client is
 * made (a source's first poll), so nothing of it is loaded on the way to the first frame; the bundle keeps it
 * external (scripts/build.mjs).
 */
import type { Millis } from '../../model/time';
import { S3Error, s3Error } from './s3-error';

export interface S3StoreOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly pathStyle: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly timeout: Millis;
}

/** One page of ListObjectVersions as the SDK returned it; the source checks its shape. */
export type VersionsPage = Readonly<Record<string, unknown>>;

export interface S3Store {
  readonly endpoint: string;
  /** GetBucketVersioning's answer (Status absent: never enabled). */
  versioning(bucket: string, signal: AbortSignal): Promise<unknown>;
  /** Every page under the prefix, following KeyMarker/VersionIdMarker until IsTruncated is false. */
  listVersions(bucket: string, prefix: string, signal: AbortSignal): Promise<VersionsPage[]>;
  /** The lifecycle rules, or undefined when the bucket has no lifecycle configuration. */
  lifecycle(bucket: string, signal: AbortSignal): Promise<unknown>;
  /** HeadObject of one version: its user metadata. */
  metadata(bucket: string, key: string, versionId: string, signal: AbortSignal): Promise<unknown>;
  close(): void;
}

/** A listing that never ends (a store answering IsTruncated forever) stops here instead of looping. */
const MAX_PAGES = 1000;

export async function createS3Store(o: S3StoreOptions): Promise<S3Store> {
  const { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, HeadObjectCommand, ListObjectVersionsCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint: o.endpoint,
    region: o.region,
    forcePathStyle: o.pathStyle,
    credentials: { accessKeyId: o.credentials.accessKeyId, secretAccessKey: o.credentials.secretAccessKey },
    // The poll repeats anyway; retries would only hide a dead endpoint behind several timeouts.
    maxAttempts: 1,
  });
  async function call<T>(what: string, bucket: string, signal: AbortSignal, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const limit = AbortSignal.timeout(o.timeout);
    try {
      return await run(AbortSignal.any([signal, limit]));
    } catch (error) {
      throw s3Error(error, `s3 ${o.endpoint} ${what} ${bucket}`, { timeout: o.timeout, timedOut: limit.aborted && !signal.aborted, bucket });
    }
  }
  return {
    endpoint: o.endpoint,
    versioning: (bucket, signal) => call('GetBucketVersioning', bucket, signal, (abortSignal) => client.send(new GetBucketVersioningCommand({ Bucket: bucket }), { abortSignal })),
    async listVersions(bucket, prefix, signal) {
      const pages: VersionsPage[] = [];
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const page = await call('ListObjectVersions', bucket, signal, (abortSignal) =>
          client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000, ...markers }), { abortSignal }),
        );
        pages.push(page as unknown as VersionsPage);
        if (!page.IsTruncated) return pages;
        if (pages.length >= MAX_PAGES || (!page.NextKeyMarker && !page.NextVersionIdMarker)) {
          throw new S3Error(`s3 ${o.endpoint} ListObjectVersions ${bucket}: the listing does not end (page ${pages.length} is truncated without a next marker or past ${MAX_PAGES} pages)`, 'other');
        }
        markers = { ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}), ...(page.NextVersionIdMarker ? { VersionIdMarker: page.NextVersionIdMarker } : {}) };
      }
    },
    async lifecycle(bucket, signal) {
      try {
        return await call('GetBucketLifecycleConfiguration', bucket, signal, (abortSignal) => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }), { abortSignal }));
      } catch (error) {
        if (error instanceof S3Error && error.kind === 'no-lifecycle') return undefined;
        throw error;
      }
    },
    metadata: (bucket, key, versionId, signal) =>
      call('HeadObject', bucket, signal, (abortSignal) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal })),
    close: () => client.destroy(),
  };
}
