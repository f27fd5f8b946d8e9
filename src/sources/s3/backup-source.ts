/**
 * `backup <id> (s3)`: one backup component read from its S3 store, polled: bucket versioning, every version under
 * the prefix (all pages, which the sidecar itself does not read), the lifecycle rule that expires old versions, the
 * metadata a promote leaves on its copy, and whether the endpoint sits inside the rack. Versioning, lifecycle and
 * metadata are read defensively (a user without the permission still sees the versions); a listing that fails
 * (wrong credentials, no bucket, endpoint down) fails the poll with its one-line reason.
 */
import { S3Error } from '../../clients/s3/s3-error';
import type { S3Store } from '../../clients/s3/s3-store';
import type { BackupSourceConfig } from '../../config/backups';
import { type BackupComponent, type BackupStore, COPY_OF_METADATA, type LifecycleFacts } from '../../model/backup';
import type { Millis } from '../../model/time';
import { describeError } from '../../errors';
import type { PartialRackData } from '../../model/snapshot';
import type { Source } from '../source';
import { metadataAnswer, versioningAnswer } from './answers';
import { inNetworks } from './in-rack';
import { lifecycleFacts } from './lifecycle';
import { sortListing } from './listing';

/** What the source reads of a component's config (credentials and timing are the client's and the store's). */
export type S3ComponentSpec = Pick<
  BackupSourceConfig,
  'id' | 'name' | 'owner' | 'tool' | 'database' | 'endpoint' | 'region' | 'bucket' | 'prefix' | 'schedule' | 'scheduleEvery' | 'versionsKept'
>;

export interface S3SourceOptions {
  readonly component: S3ComponentSpec;
  /** The client, connected (credentials read, SDK loaded) on first use. */
  readonly store: () => Promise<S3Store>;
  /** The endpoint's addresses, to compare with the rack's networks. */
  readonly addresses: (signal: AbortSignal) => Promise<string[]>;
  readonly rackNetworks: readonly string[];
  readonly interval: Millis;
  /** The whole poll: several requests, each with its own limit inside. */
  readonly timeout: Millis;
}

/** Copies a promote made sit at the top; older ones have expired or do not matter for the choice. */
const METADATA_READS = 10;

export function createS3BackupSource(o: S3SourceOptions): Source {
  const c = o.component;
  // A version's metadata never changes: read once per version.
  const copies = new Map<string, { versionId: string; time?: number } | null>();
  let metadataDenied = false;
  let opened: S3Store | undefined;
  // The store redraws when a source returns a new object: a poll that read the same component returns the last one
  // (bench/s3.mjs counts snapshots published while nothing changed; with 1,500 versions the compare costs ~1 ms).
  let last: { text: string; data: PartialRackData } | undefined;
  return {
    name: `backup ${c.id} (s3)`,
    kind: 's3',
    interval: o.interval,
    timeout: o.timeout,
    async poll(signal) {
      const s3 = await o.store();
      opened = s3;
      const [pages, versioning, lifecycle, outsideRack] = await Promise.all([
        s3.listVersions(c.bucket, c.prefix, signal),
        s3.versioning(c.bucket, signal).then(versioningStatus, () => 'unknown' as const),
        s3.lifecycle(c.bucket, signal).then(
          (answer) => lifecycleFacts(answer, keyPrefix(c)),
          (error: unknown): LifecycleFacts => ({ state: 'unreadable', reason: describeError(error) }),
        ),
        // Unresolvable: the listing fails too and says why; the store is not called in-rack on a guess.
        o.addresses(signal).then((a) => !inNetworks(a, o.rackNetworks), () => true),
      ]);
      const { versions, facts } = sortListing(pages, c.tool, c.prefix);
      if (!metadataDenied) {
        for (const v of versions.slice(0, METADATA_READS)) {
          const id = `${v.key}\0${v.versionId}`;
          if (copies.has(id)) continue;
          try {
            copies.set(id, copyOf(await s3.metadata(c.bucket, v.key, v.versionId, signal)) ?? null);
          } catch (error) {
            if (signal.aborted) throw error;
            // Without s3:GetObject(Version) the versions still show, only a promoted copy is not recognised; any
            // other failure is tried again next poll.
            metadataDenied = error instanceof S3Error && error.kind === 'denied';
            break;
          }
        }
      }
      const store: BackupStore = { provider: 's3', endpoint: c.endpoint, bucket: c.bucket, prefix: c.prefix, region: c.region, outsideRack, versioning };
      const kept = lifecycle.state === 'rule' ? lifecycle.newerNoncurrentVersions : undefined;
      const days = lifecycle.state === 'rule' ? lifecycle.noncurrentDays : undefined;
      const component: BackupComponent = {
        id: c.id,
        name: c.name,
        database: c.database,
        tool: c.tool,
        owner: c.owner,
        store,
        policy: { schedule: c.schedule, interval: c.scheduleEvery, versionsKept: kept ?? c.versionsKept, ...(days !== undefined ? { noncurrentDays: days } : {}) },
        versions: versions.map((v) => {
          const copy = copies.get(`${v.key}\0${v.versionId}`);
          // Without the time in the metadata, the source version's own time while it is still listed.
          const time = copy ? (copy.time ?? versions.find((s) => s.key === v.key && s.versionId === copy.versionId)?.time) : undefined;
          return copy && time !== undefined ? { ...v, copyOf: { versionId: copy.versionId, time } } : v;
        }),
        paused: false,
        listing: { ...facts, lifecycle },
      };
      const text = JSON.stringify(component);
      if (last?.text !== text) last = { text, data: { backups: [component] } };
      return last.data;
    },
    // Only a client that was made: closing must not read credentials or load the SDK.
    close: () => opened?.close(),
  };
}

/** The key prefix a lifecycle rule must cover: the sidecar's rule filters on `<prefix>/`. */
function keyPrefix(c: S3ComponentSpec): string {
  return c.tool === 'backup-restore-sidecar' && c.prefix !== '' ? `${c.prefix.replace(/\/+$/, '')}/` : c.prefix;
}

function versioningStatus(answer: unknown): BackupStore['versioning'] {
  const r = versioningAnswer.safeParse(answer);
  if (!r.success) return 'unknown';
  const status = r.data.Status;
  return status === 'Enabled' || status === 'Suspended' ? status : status === undefined || status === '' ? 'Off' : 'unknown';
}

function copyOf(answer: unknown): { versionId: string; time?: number } | undefined {
  const meta = metadataAnswer.safeParse(answer);
  const m = meta.success ? meta.data.Metadata : undefined;
  const versionId = m?.[COPY_OF_METADATA.versionId];
  const time = Date.parse(m?.[COPY_OF_METADATA.time] ?? '');
  return versionId ? { versionId, ...(Number.isFinite(time) ? { time } : {}) } : undefined;
}
