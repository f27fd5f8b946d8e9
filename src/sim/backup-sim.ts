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
  cache?: BackupComponent;
}

export interface BackupDeps {
  /** Whether whatever takes this component's backups is running right now. */
  hostRunning(spec: BackupSpec): boolean;
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
        paused: s.paused,
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
      if (!s.paused && this.deps.hostRunning(s.spec)) this.take(s, at);
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
