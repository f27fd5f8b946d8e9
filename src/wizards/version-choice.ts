import type { BackupComponent, BackupVersion } from '../model/backup';
import type { EpochMs, Millis } from '../model/time';

/**
 * The heart of a safe restore. The thesis saw automatic restores write a fresh, empty backup instead of
 * restoring the old one; the newest version is then exactly the one not to pick. Every version is judged
 * against the last version that looked good before it, and against the start of the incident.
 */
export type VersionFlag = 'much-smaller' | 'after-incident';

export interface AssessedVersion {
  readonly version: BackupVersion;
  /** Size change against the next older version, in bytes (undefined for the oldest). */
  readonly delta?: number;
  /** Size relative to the last good older version (1 = same). */
  readonly ratioToGood?: number;
  /** How long before the incident started it was taken (negative: after the start). */
  readonly beforeIncident?: Millis;
  readonly flags: readonly VersionFlag[];
  readonly good: boolean;
}

/** Newest first, like the component's version list. */
export function assessVersions(component: BackupComponent, incidentStart?: EpochMs, sizeDropRatio = 0.5): AssessedVersion[] {
  const versions = component.versions;
  const out: AssessedVersion[] = new Array(versions.length);
  let baseline: number | undefined;
  // Oldest to newest, so each version is compared with the last good one before it: a run of several empty
  // uploads stays suspicious instead of the second one looking "normal" next to the first.
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i] as BackupVersion;
    const older = versions[i + 1];
    const flags: VersionFlag[] = [];
    if (baseline !== undefined && version.size < sizeDropRatio * baseline) flags.push('much-smaller');
    if (incidentStart !== undefined && version.time >= incidentStart) flags.push('after-incident');
    const good = flags.length === 0;
    out[i] = {
      version,
      ...(older ? { delta: version.size - older.size } : {}),
      ...(baseline !== undefined && baseline > 0 ? { ratioToGood: version.size / baseline } : {}),
      ...(incidentStart !== undefined ? { beforeIncident: incidentStart - version.time } : {}),
      flags,
      good,
    };
    if (!flags.includes('much-smaller')) baseline = version.size;
  }
  return out;
}

/** The newest version that looks good — never blindly the newest. */
export function preselectVersion(assessed: readonly AssessedVersion[]): AssessedVersion | undefined {
  return assessed.find((a) => a.good);
}

/** What the operator must type to confirm a restore: the component id and the first 8 characters of the version id. */
export function confirmationText(component: BackupComponent, versionId: string): string {
  return `${component.id} ${versionId.slice(0, 8)}`;
}
