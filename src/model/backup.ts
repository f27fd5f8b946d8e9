import type { EpochMs, Millis } from './time';

export interface BackupStore {
  readonly provider: 's3' | 'gcs' | 'local';
  readonly endpoint: string;
  readonly bucket: string;
  /** Object prefix, e.g. "metal-db/" or "shoot--p1--c1--uid/v2/". */
  readonly prefix: string;
  readonly region?: string;
  /** Backups must live outside the data centre, or they die with the control plane they should rescue. */
  readonly outsideRack: boolean;
  /** S3 GetBucketVersioning Status: history of a constant key exists only with versioning on. */
  readonly versioning: 'Enabled' | 'Suspended' | 'Off' | 'unknown';
}

export interface BackupPolicy {
  /** Cron expression, e.g. the sidecar's default every 3 minutes. */
  readonly schedule: string;
  /** The schedule's period, used to judge whether the newest version is overdue. */
  readonly interval: Millis;
  /** object-max-keep: noncurrent versions kept by the lifecycle rule. */
  readonly versionsKept: number;
  /** Days a version stays once noncurrent, where the store's lifecycle rule says so. */
  readonly noncurrentDays?: number;
}

/**
 * User metadata a promote writes on the copy it makes the newest (S3 CopyObject of an older VersionId onto the same
 * key): the source version's id and its LastModified (ISO 8601). HeadObject returns it without the x-amz-meta-
 * prefix; the S3 source reads it back as `copyOf` (without the time, from the source version while it is listed).
 */
export const COPY_OF_METADATA = { versionId: 'rackpilot-restored-from', time: 'rackpilot-restored-from-time' } as const;

export interface BackupVersion {
  readonly versionId: string;
  readonly key: string;
  readonly time: EpochMs;
  readonly size: number;
  readonly isLatest: boolean;
  /** The store's ETag (quotes removed): the MD5 of the content for a single-part upload; a copy keeps its source's. */
  readonly etag?: string;
  /**
   * Set on a copy a restore made the newest (S3 CopyObject of an older VersionId onto the same key, with metadata
   * naming the source): it holds the source's data, so it is judged by the source's time.
   */
  readonly copyOf?: { readonly versionId: string; readonly time: EpochMs };
}

/** k3s-etcd-snapshot: k3s's own etcd snapshots to S3, one object per snapshot (no bucket versioning needed). */
export const BACKUP_TOOLS = ['backup-restore-sidecar', 'etcd-backup-restore', 'k3s-etcd-snapshot'] as const;
export type BackupTool = (typeof BACKUP_TOOLS)[number];
export const DATABASES = ['rethinkdb', 'postgres', 'etcd'] as const;

/**
 * The lifecycle rule that applies to the prefix, as read from the bucket. `rule`: the kept noncurrent versions
 * and days where the rule says them (radosgw drops NewerNoncurrentVersions when NoncurrentDays is set, so either
 * may be missing); `none`: no enabled rule covers the prefix, nothing expires; `unreadable`: not allowed or not
 * understood, the configured versionsKept is assumed.
 */
export type LifecycleFacts =
  | { readonly state: 'rule'; readonly id?: string; readonly newerNoncurrentVersions?: number; readonly noncurrentDays?: number }
  | { readonly state: 'none' }
  | { readonly state: 'unreadable'; readonly reason: string };

/** What only a live listing of the store shows (absent on the simulated rack). */
export interface StoreListing {
  /** Versions plus delete markers under the prefix: ListObjectVersions counts both against its 1,000 per page. */
  readonly entries: number;
  /**
   * Keys the tool's own listing matches that are not the component's (prefix metal-db also lists metal-db-old/):
   * the sidecar restores the newest of everything it lists, so a newer foreign version would be restored.
   */
  readonly foreignKeys: ReadonlyArray<{ readonly key: string; readonly versions: number; readonly newest: EpochMs }>;
  /** Keys whose newest entry is a delete marker: a plain GET or object listing sees nothing there. */
  readonly deletedKeys: ReadonlyArray<{ readonly key: string; readonly time: EpochMs }>;
  readonly lifecycle: LifecycleFacts;
}

/** One protected component: a database of a control plane, or an etcd. */
export interface BackupComponent {
  readonly id: string;
  readonly name: string;
  readonly database: (typeof DATABASES)[number];
  readonly tool: BackupTool;
  /** Which control plane or cluster the data belongs to ("k3s", "initial metal-stack", "p1/c1"). */
  readonly owner: string;
  readonly store: BackupStore;
  readonly policy: BackupPolicy;
  /** Newest first. */
  readonly versions: readonly BackupVersion[];
  /** Scheduled backups paused (fenced) by an operator, e.g. during a restore. */
  readonly paused: boolean;
  /** On a real rack: the rackpilot run whose fence (a stopped database) is still in place, when one is. */
  readonly pausedBy?: BackupFence;
  /** Facts of the live S3 listing behind the versions; the simulated rack has none. */
  readonly listing?: StoreListing;
}

/**
 * Why a version is not proposed for a restore, as the one judge (src/backups/) decides it:
 * `empty`: zero bytes; `much-smaller`: below the size-drop ratio of the last good older version (probably an empty
 * database was backed up); `after-incident`: written after the incident started.
 */
export type VersionFlag = 'empty' | 'much-smaller' | 'after-incident';

export interface JudgedVersion {
  readonly version: BackupVersion;
  /** Size change against the next older version, in bytes (undefined for the oldest). */
  readonly delta?: number;
  /** Size relative to the last good older version (1 = same); undefined when there is none. */
  readonly ratioToGood?: number;
  readonly flags: readonly VersionFlag[];
  /** No flag: a version the wizard may propose. */
  readonly good: boolean;
  /** Uploads until the lifecycle rule expires it (versionsKept noncurrent versions are kept); <= 0: beyond it. */
  readonly uploadsLeft: number;
}

/** Every version of one component judged once per snapshot; health, panes, status and the wizard all read this. */
export interface BackupVerdict {
  readonly componentId: string;
  /** Newest first, like the component's versions. */
  readonly versions: readonly JudgedVersion[];
  /** The newest good version: what the wizard proposes, the health hint names and the pane marks "proposed". */
  readonly proposal?: JudgedVersion;
  /** The newest version looks empty: how many of the newest versions, in a row, do. */
  readonly sizeDrop?: { readonly badCount: number };
}

/**
 * A fence a rackpilot run put up and did not take down (read from the run journals): the database it stopped, by
 * which run, since when, and the command that starts it again. Shown while the database is still stopped.
 */
export interface BackupFence {
  readonly componentId: string;
  readonly runId: string;
  /** The runbook (recover, drill-inject, …) and the command that continues it. */
  readonly runbook: string;
  readonly operator: string;
  /** When the fence went up (the stop action ended). */
  readonly since: EpochMs;
  /** The run's state in its journal: `running` is a run still going or one that crashed. */
  readonly runState: 'running' | 'done' | 'aborted' | 'failed' | 'cancelled';
  /** The command that takes the fence down, as the run's summary shows it. */
  readonly undo?: string;
}
