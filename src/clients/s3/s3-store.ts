/**
 * The S3 client for one endpoint: what the sources read (bucket versioning, every object version under a prefix
 * over all pages, the bucket's lifecycle rules, one version's metadata) and the few writes of a restore (copy a
 * version onto its own key, copy or delete an object; the wizard's executor only, never a source). Each call has its own time limit and honours the
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
  /** HeadObject of the key's current version (or of `versionId`): the answer, for the caller to check. */
  head(bucket: string, key: string, signal: AbortSignal, versionId?: string): Promise<unknown>;
  /** CopyObject of `versionId` onto the same key with this user metadata (REPLACE): the copy becomes the newest. */
  copyVersion(bucket: string, key: string, versionId: string, metadata: Readonly<Record<string, string>>, signal: AbortSignal): Promise<unknown>;
  /** CopyObject of the key's current version to another key. */
  copyObject(bucket: string, key: string, to: string, signal: AbortSignal): Promise<unknown>;
  /** DeleteObject of the key (with versioning: a delete marker on top; the versions stay). */
  deleteObject(bucket: string, key: string, signal: AbortSignal): Promise<unknown>;
  close(): void;
}

/** A listing that never ends (a store answering IsTruncated forever) stops here instead of looping. */
const MAX_PAGES = 1000;

export async function createS3Store(o: S3StoreOptions): Promise<S3Store> {
  const {
    CopyObjectCommand,
    DeleteObjectCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketVersioningCommand,
    HeadObjectCommand,
    ListObjectVersionsCommand,
    S3Client,
  } = await import('@aws-sdk/client-s3');
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
    head: (bucket, key, signal, versionId) =>
      call('HeadObject', bucket, signal, (abortSignal) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }), { abortSignal })),
    copyVersion: (bucket, key, versionId, metadata, signal) =>
      call('CopyObject', bucket, signal, (abortSignal) =>
        client.send(
          new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: copySource(bucket, key, versionId), MetadataDirective: 'REPLACE', Metadata: { ...metadata } }),
          { abortSignal },
        ),
      ),
    copyObject: (bucket, key, to, signal) =>
      call('CopyObject', bucket, signal, (abortSignal) => client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: copySource(bucket, key) }), { abortSignal })),
    deleteObject: (bucket, key, signal) => call('DeleteObject', bucket, signal, (abortSignal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })),
    close: () => client.destroy(),
  };
}

/** CopyObject's source: bucket/key, the key URL-encoded per segment, and the version as a query (S3's syntax). */
function copySource(bucket: string, key: string, versionId?: string): string {
  const path = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId ? `${path}?versionId=${encodeURIComponent(versionId)}` : path;
}
