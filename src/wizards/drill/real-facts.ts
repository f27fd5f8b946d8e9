import { looksEmpty } from '../../backups/judge';
import type { BackupVersion } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs } from '../../model/time';
import type { Effect } from '../engine/calls';
import { type RunResult, restoredChoices } from '../engine/runner';

/** A version as a real drill's report names it: the S3 VersionId, LastModified, size and ETag as listed. */
export interface ListedVersion {
  readonly versionId: string;
  readonly time: EpochMs;
  readonly size: number;
  readonly etag?: string;
}

/** What a drill on a real rack did and measured there, from its two runs' journals and the live S3 listing. */
export interface RealDrillFacts {
  readonly rack: string;
  /** The injection run; absent when an interrupted drill had injected already. */
  readonly injection?: {
    readonly runId: string;
    readonly component: string;
    readonly outcome: string;
    /** Every call it ran, in order, as the plan showed them. */
    readonly calls: readonly string[];
  };
  /** Per restored component: where its RPO comes from and what the bucket holds now. */
  readonly components: readonly RealComponentFacts[];
  /** When each phase happened (wall clock), in order; a phase that did not happen is absent. */
  readonly timeline: Readonly<Partial<Record<RealPhase, EpochMs>>>;
}

export interface RealComponentFacts {
  readonly component: string;
  /** The restored version as listed (its ETag is the checksum of what the sidecar downloads). */
  readonly chosen?: ListedVersion;
  /** The first near-empty upload after the chosen version: the RPO is measured up to its LastModified. */
  readonly firstEmptyUpload?: ListedVersion;
  /** The copy the promote made the newest version of the key (the sidecar restores exactly this). */
  readonly promotedCopy?: ListedVersion;
  /**
   * Whether the copy's ETag equals the chosen version's (same content). Undefined when either is unknown or not an
   * MD5 (a multipart upload's ETag is `<hash>-<parts>`, and a copy of it gets a plain MD5: they never compare).
   */
  readonly sameChecksum?: boolean;
  /** The first upload after the restore that is not a copy: what the database uploaded once it ran again. */
  readonly nextUpload?: ListedVersion;
}

export const REAL_PHASES = [
  'injectionStarted',
  'databaseStopped',
  'volumeDeleted',
  'databaseStartedEmpty',
  'firstEmptyUpload',
  'sizeDropFlagged',
  'recoveryStarted',
  'fenced',
  'promoted',
  'dataCleared',
  'restarted',
  'nextUpload',
  'recoveryEnded',
] as const;
export type RealPhase = (typeof REAL_PHASES)[number];

export interface RealFactsInput {
  readonly rack: string;
  readonly injection?: RunResult;
  readonly injectedComponent?: string;
  /** The calls the injection ran, as shown (from its action-start events). */
  readonly injectionCalls?: readonly string[];
  readonly recovery: RunResult;
  /** The rack when the recovery ended, read from the live sources. */
  readonly after: RackSnapshot;
}

export function realDrillFacts(i: RealFactsInput): RealDrillFacts {
  const components = restoredChoices(i.recovery).map((c): RealComponentFacts => {
    const b = i.after.backups.find((x) => x.id === c.componentId);
    const versions = b?.versions ?? [];
    const judged = i.after.backupVerdicts.get(c.componentId)?.versions ?? [];
    const chosen = versions.find((v) => v.versionId === c.versionId);
    // Oldest first from here: the first empty upload after the chosen version, the first copy of it, the first upload after that.
    const empty = judged.filter((j) => j.version.time > c.versionTime && !j.version.copyOf && looksEmpty(j.flags)).map((j) => j.version).at(-1);
    const copy = versions.filter((v) => v.copyOf?.versionId === c.versionId).at(-1);
    const next = copy ? versions.filter((v) => v.time > copy.time && !v.copyOf).at(-1) : undefined;
    const sameChecksum = md5(chosen?.etag) && md5(copy?.etag) ? chosen?.etag === copy?.etag : undefined;
    return {
      component: c.componentId,
      ...(chosen ? { chosen: listed(chosen) } : {}),
      ...(empty ? { firstEmptyUpload: listed(empty) } : {}),
      ...(copy ? { promotedCopy: listed(copy) } : {}),
      ...(sameChecksum !== undefined ? { sameChecksum } : {}),
      ...(next ? { nextUpload: listed(next) } : {}),
    };
  });
  const inj = i.injection;
  const first = (r: RunResult | undefined, op: Effect['op']) => doneActions(r).find((a) => a.effect?.op === op)?.endedAt;
  const timeline: Partial<Record<RealPhase, EpochMs>> = {
    injectionStarted: inj?.startedAt,
    databaseStopped: first(inj, 'stop-database'),
    volumeDeleted: first(inj, 'clear-data'),
    databaseStartedEmpty: first(inj, 'start-database'),
    firstEmptyUpload: min(components.map((c) => c.firstEmptyUpload?.time)),
    sizeDropFlagged: inj?.state === 'done' ? inj.steps[0]?.endedAt : undefined,
    recoveryStarted: i.recovery.startedAt,
    fenced: first(i.recovery, 'stop-database'),
    promoted: first(i.recovery, 'promote-version'),
    dataCleared: first(i.recovery, 'clear-data'),
    restarted: first(i.recovery, 'start-database'),
    nextUpload: min(components.map((c) => c.nextUpload?.time)),
    recoveryEnded: i.recovery.endedAt,
  };
  return {
    rack: i.rack,
    ...(inj ? { injection: { runId: inj.runId, component: i.injectedComponent ?? '?', outcome: inj.state, calls: i.injectionCalls ?? [] } } : {}),
    components,
    timeline: Object.fromEntries(Object.entries(timeline).filter(([, t]) => t !== undefined)),
  };
}

function listed(v: BackupVersion): ListedVersion {
  return { versionId: v.versionId, time: v.time, size: v.size, ...(v.etag ? { etag: v.etag } : {}) };
}

function doneActions(r: RunResult | undefined) {
  return (r?.steps ?? []).flatMap((s) => s.actions.filter((a) => a.state === 'done'));
}

function min(times: readonly (EpochMs | undefined)[]): EpochMs | undefined {
  const known = times.filter((t): t is EpochMs => t !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

/** A plain MD5 ETag (single-part upload or copy): the checksum of the content. */
function md5(etag: string | undefined): boolean {
  return etag !== undefined && /^[0-9a-f]{32}$/i.test(etag);
}
