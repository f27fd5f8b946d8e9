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
}

export interface BackupVersion {
  readonly versionId: string;
  readonly key: string;
  readonly time: EpochMs;
  readonly size: number;
  readonly isLatest: boolean;
  /**
   * Set on a copy a restore made the newest (S3 CopyObject of an older VersionId onto the same key, with metadata
   * naming the source): it holds the source's data, so it is judged by the source's time.
   */
  readonly copyOf?: { readonly versionId: string; readonly time: EpochMs };
}

/** k3s-etcd-snapshot: k3s's own etcd snapshots to S3, one object per snapshot (no bucket versioning needed). */
export type BackupTool = 'backup-restore-sidecar' | 'etcd-backup-restore' | 'k3s-etcd-snapshot';

/** One protected component: a database of a control plane, or an etcd. */
export interface BackupComponent {
  readonly id: string;
  readonly name: string;
  readonly database: 'rethinkdb' | 'postgres' | 'etcd';
  readonly tool: BackupTool;
  /** Which control plane or cluster the data belongs to ("k3s", "initial metal-stack", "p1/c1"). */
  readonly owner: string;
  readonly store: BackupStore;
  readonly policy: BackupPolicy;
  /** Newest first. */
  readonly versions: readonly BackupVersion[];
  /** Scheduled backups paused (fenced) by an operator, e.g. during a restore. */
  readonly paused: boolean;
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
  /** How long before the incident started it was taken (negative: after); undefined without an incident. */
  readonly beforeIncident?: Millis;
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
