/**
 * A stand-in for metal-stack's backup-restore-sidecar (as /work/shared/domain/backups.md describes it), since the
 * recovery lab runs no real database: it watches its pod (`<statefulSet>-0`, which the kubelet stand-in makes and
 * removes) and a local directory standing for the pod's PVC (deleting the claim empties it). When the pod starts on
 * an empty data directory it lists the versions under its prefix (first page only, no pagination, as the sidecar
 * does), restores the one with the newest LastModified (not IsLatest) into the directory, or, finding none, starts
 * a "fresh database"; while the pod runs it uploads the directory's content to its one key every `uploadEvery` ms.
 * As a StatefulSet controller would, it makes the claim again when the pod starts without one.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KubeClient } from '../kube/client';
import { pvcObject } from '../kube/resources';
import { sleep } from '../proc';


const S3_REQUEST_LIMIT_MS = 10_000;
export const DB_FILE = 'db.tar.gz';

export type SidecarEvent =
  | { readonly kind: 'restored'; readonly versionId: string; readonly size: number }
  | { readonly kind: 'fresh' }
  /** A round that failed (apiserver or radosgw not answering, or cut off); kept for a failing test to show. */
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'uploaded'; readonly versionId: string; readonly size: number }
  | { readonly kind: 'data-cleared' };

export interface SidecarStandInOptions {
  readonly kube: KubeClient;
  readonly namespace: string;
  readonly statefulSet: string;
  readonly s3: S3Client;
  readonly bucket: string;
  /** The sidecar's object prefix: the key is `<prefix>/db.tar.gz`. */
  readonly prefix: string;
  readonly dataDir: string;
  readonly uploadEvery: number;
}

export interface SidecarStandIn {
  readonly dataDir: string;
  readonly key: string;
  /** What it did, oldest first. */
  readonly events: readonly SidecarEvent[];
  /**
   * The prefix its restore lists, as a misconfigured sidecar would (a renamed object-prefix): a listing that finds
   * nothing starts a fresh, empty database. Uploads still go to the one key. Undefined: its own prefix again.
   */
  listPrefix(prefix: string | undefined): void;
  /** Its backup schedule from now on (a test holds uploads still while it reads what is there). */
  uploadEvery(ms: number): void;
  /** The "database" as it is now: the data file's bytes, or undefined when the directory is empty. */
  data(): Buffer | undefined;
  stop(): Promise<void>;
}

/** What an empty database compresses to: a few hundred bytes, distinct per start. */
function emptyDatabase(): Buffer {
  return Buffer.from(`empty rethinkdb ${new Date().toISOString()} ${'\0'.repeat(300)}`);
}

export function startSidecarStandIn(o: SidecarStandInOptions): SidecarStandIn {
  const key = `${o.prefix}/${DB_FILE}`;
  const pvc = `${o.statefulSet}-${o.statefulSet}-0`;
  const pod = `${o.statefulSet}-0`;
  const events: SidecarEvent[] = [];
  let listing = o.prefix;
  let running = true;
  let started = false;
  let lastUpload = 0;
  let every = o.uploadEvery;
  // The SDK waits forever by default: one request radosgw never answers would stall this loop for good (seen once
  // in CI as "two tiny uploads not within 40 s"). A request cut off is tried again next round, as the sidecar retries.
  const limit = () => ({ abortSignal: AbortSignal.timeout(S3_REQUEST_LIMIT_MS) });
  mkdirSync(o.dataDir, { recursive: true });
  const file = join(o.dataDir, DB_FILE);
  const empty = () => readdirSync(o.dataDir).length === 0;
  const data = () => (empty() ? undefined : readFileSync(file));
  const clear = () => {
    if (empty()) return;
    for (const name of readdirSync(o.dataDir)) rmSync(join(o.dataDir, name), { recursive: true, force: true });
    events.push({ kind: 'data-cleared' });
  };

  const restore = async () => {
    const page = await o.s3.send(new ListObjectVersionsCommand({ Bucket: o.bucket, Prefix: listing }), limit());
    const newest = [...(page.Versions ?? [])].sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0))[0];
    if (!newest?.Key || !newest.VersionId) {
      writeFileSync(file, emptyDatabase());
      events.push({ kind: 'fresh' });
      return;
    }
    const got = await o.s3.send(new GetObjectCommand({ Bucket: o.bucket, Key: newest.Key, VersionId: newest.VersionId }), limit());
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    writeFileSync(file, bytes);
    events.push({ kind: 'restored', versionId: newest.VersionId, size: bytes.length });
  };

  const upload = async () => {
    const bytes = data();
    if (!bytes) return;
    const put = await o.s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: key, Body: bytes }), limit());
    events.push({ kind: 'uploaded', versionId: put.VersionId ?? '', size: bytes.length });
  };

  const tick = async () => {
    const claim = await o.kube.request<{ metadata?: { deletionTimestamp?: string } }>('GET', `/api/v1/namespaces/${o.namespace}/persistentvolumeclaims/${pvc}`);
    // A claim being deleted or gone: its volume, and with it the data directory, is lost.
    if (claim.status === 404 || claim.body.metadata?.deletionTimestamp) clear();
    const p = await o.kube.request('GET', `/api/v1/namespaces/${o.namespace}/pods/${pod}`);
    if (p.status === 404) {
      started = false;
      return;
    }
    if (p.status !== 200) return;
    if (!started) {
      // A pod whose claim is still being deleted (its protection finalizer not yet removed) waits, as on a real
      // node, until the old claim is gone and a new one is made: started on the old one, the data directory would
      // be cleared under the running database once that claim went (seen as fresh, then data-cleared, no uploads).
      if (claim.body.metadata?.deletionTimestamp) return;
      if (claim.status === 404) await o.kube.create('persistentvolumeclaims', pvcObject(o.namespace, pvc));
      if (empty()) await restore();
      started = true;
      lastUpload = Date.now();
      return;
    }
    if (Date.now() - lastUpload >= every) {
      lastUpload = Date.now();
      await upload();
    }
  };

  const loop = (async () => {
    while (running) {
      // An apiserver or radosgw not answering is tried again next round, as the sidecar retries.
      await tick().catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        const last = events.at(-1);
        if (!(last?.kind === 'error' && last.message === message)) events.push({ kind: 'error', message });
      });
      await sleep(100);
    }
  })();
  return {
    dataDir: o.dataDir,
    key,
    events,
    listPrefix: (prefix) => {
      listing = prefix ?? o.prefix;
    },
    uploadEvery: (ms) => {
      every = ms;
    },
    data,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
