import type { BackupComponent, BackupVerdict, BackupVersion, JudgedVersion, VersionFlag } from '../model/backup';
import type { EpochMs, Millis } from '../model/time';

/**
 * The one judge of "is this backup version bad?". The mini-rack thesis saw automatic restores write a fresh, empty
 * backup instead of restoring the old one; the newest version is then exactly the one not to pick. Every version is
 * compared with the last version that looked good before it (so a run of several empty uploads stays suspicious
 * instead of the second looking "normal" next to the first) and with the start of the incident.
 *
 * Health findings, the Backups pane, `status --json` and the recovery wizard all read this verdict, computed once
 * per snapshot by the store with the configured size-drop ratio; none of them decides on its own.
 */
export interface JudgeOptions {
  /** A version below this share of the last good older one looks like an empty database (health.sizeDropRatio). */
  readonly sizeDropRatio: number;
  /** When the incident started; versions written at or after it are flagged where the incident touches them. */
  readonly incidentStart?: EpochMs;
  /**
   * Whether the incident touches a component now (incident-scope.ts); absent: every component. An untouched
   * component's versions after the start are flagged only when they also shrank (below AFTER_INCIDENT_SHRINK of the
   * last good one): a planned reboot that is over must not flag healthy databases forever.
   */
  readonly touched?: (component: BackupComponent) => boolean;
}

/** The flags of a version that looks good: one shared, frozen list. */
const NO_FLAGS: readonly VersionFlag[] = Object.freeze([]);

/** When the data of a version was taken: a copy that a restore made the newest carries its source's data. */
export function dataTime(version: BackupVersion): EpochMs {
  return version.copyOf?.time ?? version.time;
}

/**
 * How long before the incident started a version's data was taken (negative: after); undefined without an
 * incident. Read where it is shown, not kept in the verdict: so the verdict of a component with no version after
 * the incident stays the same object when an incident starts (rejudging 30,000 versions at 10,000 machines then
 * left 5 MB for the full collection, twice).
 */
export function beforeIncident(version: BackupVersion, incidentStart: EpochMs | undefined): Millis | undefined {
  return incidentStart === undefined ? undefined : incidentStart - dataTime(version);
}

/** Smaller than this share of the last good version, a version written after the incident is suspect anyway. */
export const AFTER_INCIDENT_SHRINK = 0.9;

export function judgeBackup(component: BackupComponent, o: JudgeOptions): BackupVerdict {
  const { versions } = component;
  const judged: JudgedVersion[] = new Array(versions.length);
  let baseline: number | undefined;
  const touched = o.touched?.(component) ?? true;
  // Oldest to newest, so each version meets the last good one before it.
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i] as BackupVersion;
    const older = versions[i + 1];
    let marked: VersionFlag[] | undefined;
    if (version.size <= 0) marked = ['empty'];
    else if (baseline !== undefined && version.size < o.sizeDropRatio * baseline) marked = ['much-smaller'];
    const taken = dataTime(version);
    const shrank = baseline !== undefined && version.size < AFTER_INCIDENT_SHRINK * baseline;
    if (o.incidentStart !== undefined && taken >= o.incidentStart && (touched || shrank)) marked = [...(marked ?? []), 'after-incident'];
    const flags = marked ?? NO_FLAGS;
    // One literal with every field, in the order `status --json` prints them (an absent delta or ratio is an
    // undefined value, which JSON leaves out as it did the missing key): built field by field, each judged version
    // outgrew its in-object room and carried a property array (1.9 MB for 30,000 versions at 10,000 machines). A
    // good version shares the one empty flag list.
    judged[i] = {
      version,
      delta: older ? version.size - older.size : undefined,
      ratioToGood: baseline !== undefined && baseline > 0 ? version.size / baseline : undefined,
      flags,
      good: flags.length === 0,
      // Version i has i - 1 noncurrent versions in front of it; the rule keeps versionsKept of them.
      uploadsLeft: component.policy.versionsKept - i + 1,
    } as JudgedVersion;
    if (!looksEmpty(flags)) baseline = version.size;
  }
  const proposal = judged.find((v) => v.good);
  let badCount = 0;
  while (badCount < judged.length && looksEmpty((judged[badCount] as JudgedVersion).flags)) badCount++;
  return {
    componentId: component.id,
    versions: judged,
    ...(proposal ? { proposal } : {}),
    ...(badCount > 0 ? { sizeDrop: { badCount } } : {}),
  };
}

export function judgeBackups(components: readonly BackupComponent[], o: JudgeOptions): ReadonlyMap<string, BackupVerdict> {
  return new Map(components.map((c) => [c.id, judgeBackup(c, o)]));
}

/** judgeBackups, or a memo of it: what the store's assess calls once per snapshot. */
export type BackupJudge = (components: readonly BackupComponent[], o: JudgeOptions) => ReadonlyMap<string, BackupVerdict>;

interface Judged {
  readonly versions: readonly BackupVersion[];
  readonly versionsKept: number;
  readonly sizeDropRatio: number;
  /** How many versions hold data taken at or after the incident's start: the only way the incident enters a verdict. */
  readonly after: number;
  /** Whether the incident touches the component; only read when `after` > 0. */
  readonly touched: boolean;
  readonly verdict: BackupVerdict;
}

/**
 * judgeBackups that remembers, per component id, the verdict of the last snapshot and keeps it while everything
 * the verdict rests on is the same: the versions list (the same object: sources make a new list when a version
 * comes or goes), the number of versions kept, the size-drop ratio, and which versions the incident can flag: how
 * many were taken at or after its start (for one list, the same count is the same versions) and, when any were,
 * whether it touches the component. An incident that starts keeps every verdict with nothing after it. At
 * 10,000 machines the rack holds 1,253 components, and judging all of them every publish was 11 MB of garbage;
 * an unchanged verdict also keeps its object, and all unchanged keep the map, so views memoised on it stay valid.
 * One per store (a verdict is only as shared as the snapshots that carry it).
 */
export function memoJudge(): BackupJudge {
  let last = new Map<string, Judged>();
  let lastVerdicts: ReadonlyMap<string, BackupVerdict> = new Map();
  return (components, o) => {
    const next = new Map<string, Judged>();
    const verdicts = new Map<string, BackupVerdict>();
    // The same verdicts in the same order keep the last map.
    const order = [...lastVerdicts.keys()];
    let same = components.length === order.length;
    for (const [i, c] of components.entries()) {
      const after = takenSince(c.versions, o.incidentStart);
      const touched = after > 0 ? (o.touched?.(c) ?? true) : true;
      const before = last.get(c.id);
      const keep =
        before !== undefined &&
        before.versions === c.versions &&
        before.versionsKept === c.policy.versionsKept &&
        before.sizeDropRatio === o.sizeDropRatio &&
        before.after === after &&
        before.touched === touched;
      const verdict = keep ? before.verdict : judgeBackup(c, { ...o, touched: () => touched });
      next.set(c.id, keep ? before : { versions: c.versions, versionsKept: c.policy.versionsKept, sizeDropRatio: o.sizeDropRatio, after, touched, verdict });
      same &&= order[i] === c.id && lastVerdicts.get(c.id) === verdict;
      verdicts.set(c.id, verdict);
    }
    last = next;
    if (!same) lastVerdicts = verdicts;
    return lastVerdicts;
  };
}

/** How many versions hold data taken at or after `start` (none without an incident). */
function takenSince(versions: readonly BackupVersion[], start: EpochMs | undefined): number {
  if (start === undefined) return 0;
  let n = 0;
  for (const v of versions) if (dataTime(v) >= start) n++;
  return n;
}

/** Flagged by size (zero bytes or far smaller than the good ones before it): probably an empty database. */
export function looksEmpty(flags: readonly VersionFlag[]): boolean {
  return flags.includes('empty') || flags.includes('much-smaller');
}

/** The short marks every table and prompt shows for the flags. */
export function flagMark(flag: VersionFlag): string {
  return flag === 'after-incident' ? 'AFTER INCIDENT' : 'EMPTY?';
}

/**
 * The extra word an operator types to restore a flagged version anyway, besides the usual confirmation: choosing
 * what the judge warned against must be a decision, not two quick key presses.
 */
export function overrideWord(flags: readonly VersionFlag[]): string | undefined {
  if (looksEmpty(flags)) return 'EMPTY';
  return flags.includes('after-incident') ? 'AFTER-INCIDENT' : undefined;
}

/**
 * The name an operator knows a version by. The sidecar keeps one key and its history as S3 versions, so a version
 * is its VersionId. k3s and etcd-backup-restore write one object per snapshot: there the snapshot name (the key's
 * last part) is what their restore commands take, and what the operator confirms.
 */
export function versionName(component: BackupComponent, version: BackupVersion): string {
  return component.tool === 'backup-restore-sidecar' ? version.versionId : (version.key.split('/').pop() ?? version.key);
}

/**
 * How hints, step texts and the typed confirmation refer to a version: the first 8 characters of an S3 VersionId
 * (enough to tell the versions of one key apart), or the whole snapshot name.
 */
export function shortVersionName(component: BackupComponent, version: BackupVersion): string {
  const name = versionName(component, version);
  return component.tool === 'backup-restore-sidecar' ? name.slice(0, 8) : name;
}

/**
 * What the operator types to confirm a restore: the component id, the version's short name, and the override word
 * when the judge flagged the version.
 */
export function confirmationText(component: BackupComponent, version: JudgedVersion): string {
  const word = overrideWord(version.flags);
  return `${component.id} ${shortVersionName(component, version.version)}${word ? ` ${word}` : ''}`;
}
