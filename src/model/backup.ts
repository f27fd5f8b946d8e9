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
