import type { BackupComponent, BackupVersion } from '../model/backup';
import type { EpochMs } from '../model/time';
import { pad, s3VersionId } from './ids';
import type { BackupSpec } from './layout-types';
import type { World } from './world';

interface BackupState {
  readonly spec: BackupSpec;
  versions: readonly BackupVersion[];
  /** Size of the database right now: the next backup is about this big. */
  size: number;
  growth: number;
  jitter: number;
  /** etcd revision, for etcd-backup-restore snapshot names. */
  revision: number;
  paused: boolean;
  /** The database (StatefulSet) is scaled to 0: it serves nothing and uploads nothing. */
  stopped: boolean;
  /** Its data directory was deleted: the next start restores the newest version first. */
  cleared: boolean;
  /** Started on an empty data directory: restoring until this time, then serving. */
  restoringUntil?: EpochMs;
  cache?: BackupComponent;
}

export interface BackupDeps {
  /** Whether whatever takes this component's backups is running right now. */
  hostRunning(spec: BackupSpec): boolean;
  /** A database stopped or started: the control plane it belongs to re-derives whether it serves. */
  databaseChanged(): void;
}

/** Size of a backup of a freshly initialised, empty database (a few KB of schema). */
const EMPTY_DB: readonly [number, number] = [1900, 2300];

/** Scheduled backups into the external S3 bucket, with lifecycle expiry beyond versionsKept. */
export class BackupSim {
  private readonly states: BackupState[];
  private readonly byId = new Map<string, BackupState>();
  private snapshot?: readonly BackupComponent[];

  constructor(
    private readonly w: World,
    private readonly deps: BackupDeps,
  ) {
    this.states = w.layout.backups.map((spec) => {
      const s: BackupState = {
        spec,
        versions: [],
        size: spec.baseSize,
        growth: spec.growth,
        jitter: spec.jitter,
        revision: spec.database === 'etcd' ? w.rng.int(100_000, 2_000_000) : 0,
        paused: false,
        stopped: false,
        cleared: false,
      };
      this.byId.set(spec.id, s);
      return s;
    });
  }

  /** Fills the bucket with the history a long-running rack has, then keeps to the schedule. */
  start(steady: boolean): void {
    const now = this.w.now();
    for (const s of this.states) {
      const { interval, versionsKept } = s.spec.policy;
      let at = this.nextAt(s, now - (versionsKept + 1) * interval);
      if (steady) {
        s.size = Math.max(1024, s.spec.baseSize - versionsKept * (s.growth + s.jitter / 2));
        const history: BackupVersion[] = [];
        for (; at <= now; at += interval) history.push(this.version(s, at, at + interval > now));
        history.reverse().length = Math.min(history.length, versionsKept);
        s.versions = history;
        this.touch(s);
      } else {
        at = this.nextAt(s, now);
      }
      this.scheduleTick(s, at);
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  setPaused(id: string, paused: boolean): void {
    const s = this.byId.get(id);
    if (!s || s.paused === paused) return;
    s.paused = paused;
    this.touch(s);
  }

  /** The sidecar restarted on a useless data dir: the database is empty and its backups are too. */
  resetDatabase(id: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    s.size = this.w.rng.int(EMPTY_DB[0], EMPTY_DB[1]);
    s.growth = 2;
    s.jitter = 30;
    this.take(s, this.w.now());
  }

  /** The StatefulSet is scaled to 0: the database and its backups stop. */
  stopDatabase(id: string): void {
    const s = this.get(id);
    s.stopped = true;
    s.restoringUntil = undefined;
    this.touch(s);
    this.deps.databaseChanged();
  }

  /**
   * Scaled to 1 again. On an empty data directory the sidecar (or etcd-backup-restore) first restores the newest
   * version by time, which takes a while; on its old data it simply serves.
   */
  startDatabase(id: string, restoreTime: number): void {
    const s = this.get(id);
    if (!s.stopped) return;
    s.stopped = false;
    if (s.cleared) {
      s.cleared = false;
      const newest = s.versions[0];
      if (newest) this.restore(id, newest.size);
      const until = this.w.now() + restoreTime;
      s.restoringUntil = until;
      this.w.schedule(until, () => {
        if (s.restoringUntil !== until) return;
        s.restoringUntil = undefined;
        this.touch(s);
        this.deps.databaseChanged();
      });
    }
    this.touch(s);
    this.deps.databaseChanged();
  }

  clearData(id: string): void {
    const s = this.get(id);
    if (!s.stopped) throw new Error(`${id} is running: stop it before deleting its data`);
    s.cleared = true;
    this.touch(s);
  }

  /** S3 CopyObject of an older version onto the same key: the copy is the newest and names its source. */
  promote(id: string, versionId: string): void {
    const s = this.get(id);
    const v = s.versions.find((x) => x.versionId === versionId);
    if (!v) throw new Error(`backup ${id} has no version ${versionId}`);
    const copy: BackupVersion = { versionId: s3VersionId(this.w.rng), key: v.key, time: this.w.now(), size: v.size, isLatest: true, copyOf: { versionId: v.versionId, time: v.copyOf?.time ?? v.time } };
    s.versions = [copy, ...s.versions.map((x) => (x.isLatest ? { ...x, isLatest: false } : x))].slice(0, s.spec.policy.versionsKept);
    this.touch(s);
  }

  /** Snapshots newer than this one are moved out of the prefix (quarantined), so it is the newest there. */
  setAsideNewer(id: string, versionId: string): void {
    const s = this.get(id);
    const i = s.versions.findIndex((x) => x.versionId === versionId);
    if (i < 0) throw new Error(`backup ${id} has no version ${versionId}`);
    s.versions = s.versions.slice(i).map((x, k) => (k === 0 ? { ...x, isLatest: true } : x));
    this.touch(s);
  }

  /** Which database of a control plane is stopped or still restoring, if any. */
  databaseDown(controlPlaneId: string): string | undefined {
    const s = this.states.find((x) => x.spec.host.kind === 'control-plane' && x.spec.host.id === controlPlaneId && (x.stopped || x.restoringUntil !== undefined));
    if (!s) return undefined;
    return s.stopped ? `database ${s.spec.name} is stopped` : `database ${s.spec.name} is restoring`;
  }

  private get(id: string): BackupState {
    const s = this.byId.get(id);
    if (!s) throw new Error(`no backup component ${id}`);
    return s;
  }

  /** The size of a stored version, or undefined if the bucket has no such version (any more). */
  versionSize(id: string, versionId: string): number | undefined {
    return this.byId.get(id)?.versions.find((x) => x.versionId === versionId)?.size;
  }

  /** The database holds a restored version's data again; later backups grow from there. */
  restore(id: string, size: number): void {
    const s = this.byId.get(id);
    if (!s) return;
    s.size = size;
    s.growth = s.spec.growth;
    s.jitter = s.spec.jitter;
  }

  model(): readonly BackupComponent[] {
    this.snapshot ??= this.states.map((s) => {
      s.cache ??= {
        id: s.spec.id,
        name: s.spec.name,
        database: s.spec.database,
        tool: s.spec.tool,
        owner: s.spec.owner,
        store: s.spec.store,
        policy: s.spec.policy,
        versions: s.versions,
        // A stopped database uploads nothing: to the operator its backups are paused (fenced).
        paused: s.paused || s.stopped || s.restoringUntil !== undefined,
      };
      return s.cache;
    });
    return this.snapshot;
  }

  /** First cron tick (plus upload time) after `from`. */
  private nextAt(s: BackupState, from: EpochMs): EpochMs {
    const { interval } = s.spec.policy;
    const offset = s.spec.phase + s.spec.uploadTime;
    return Math.floor((from - offset) / interval + 1) * interval + offset;
  }

  private scheduleTick(s: BackupState, at: EpochMs): void {
    this.w.schedule(at, () => {
      if (!s.paused && !s.stopped && s.restoringUntil === undefined && this.deps.hostRunning(s.spec)) this.take(s, at);
      this.scheduleTick(s, at + s.spec.policy.interval);
    });
  }

  private take(s: BackupState, at: EpochMs): void {
    const version = this.version(s, at, true);
    const [previous, ...older] = s.versions;
    const rest = previous ? [{ ...previous, isLatest: false }, ...older] : [];
    // The lifecycle rule expires what lies beyond versionsKept.
    s.versions = [version, ...rest].slice(0, s.spec.policy.versionsKept);
    this.touch(s);
  }

  /** The next backup of the database as it is now. */
  private version(s: BackupState, at: EpochMs, isLatest: boolean): BackupVersion {
    const r = this.w.rng;
    s.size += s.growth + r.int(0, s.jitter);
    const unix = Math.floor(at / 1000);
    const prefix = s.spec.store.prefix;
    let key: string;
    if (s.spec.tool === 'backup-restore-sidecar') key = s.versions[0]?.key ?? `${prefix}db.tar.gz`;
    else if (s.spec.tool === 'k3s-etcd-snapshot') key = `${prefix}etcd-snapshot-bootstrap-${unix}`;
    else {
      s.revision += r.int(300, 3000);
      key = `${prefix}Full-00000000-${pad(s.revision, 8)}-${unix}.gz`;
    }
    return { versionId: s3VersionId(r), key, time: at, size: s.size, isLatest };
  }

  private touch(s: BackupState): void {
    s.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('backups');
  }
}
