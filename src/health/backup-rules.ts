import { beforeIncident, shortVersionName } from '../backups/judge';
import type { BackupComponent, BackupFence, BackupVerdict, JudgedVersion } from '../model/backup';
import type { Incident, RackObservation } from '../model/snapshot';
import type { EpochMs } from '../model/time';
import { formatBytes } from '../text/format-bytes';
import { formatAge } from '../text/format-age';
import type { Finding, Severity, Subject } from './finding';
import { finding } from './make-finding';
import { storeFindings } from './backup-store-rules';
import type { HealthOptions } from './options';
import { isoMinutes } from '../text/time-text';

/** Overdue by this many intervals: not a hiccup any more, the data since the last backup is at risk. */
const OVERDUE_CRITICAL_INTERVALS = 10;
const OVERDUE_WARNING_INTERVALS = 2;

/** Tools that overwrite one constant key: without bucket versioning every upload destroys the previous one. */
const NEEDS_VERSIONING: ReadonlySet<BackupComponent['tool']> = new Set(['backup-restore-sidecar']);

/** Judged by the one backup judge: `verdicts` holds every component's verdict, made with the same options. */
export function backupRules(snapshot: RackObservation, options: HealthOptions, verdicts: ReadonlyMap<string, BackupVerdict>): Finding[] {
  const labels = backupLabels(snapshot.backups);
  return snapshot.backups.flatMap((b) => {
    const verdict = verdicts.get(b.id);
    return componentFindings(b, verdict, labels.get(b.id) ?? b.name, snapshot.takenAt, snapshot.incident, options);
  });
}

/** Both control plane layers run a "metal-db": add the owner where the name alone would be ambiguous. */
export function backupLabels(components: readonly BackupComponent[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const b of components) count.set(b.name, (count.get(b.name) ?? 0) + 1);
  return new Map(components.map((b) => [b.id, (count.get(b.name) ?? 0) > 1 ? `${b.name} (${b.owner})` : b.name]));
}

function componentFindings(
  b: BackupComponent,
  verdict: BackupVerdict | undefined,
  label: string,
  now: EpochMs,
  incident: Incident | undefined,
  options: HealthOptions,
): Finding[] {
  const subject: Subject = { kind: 'backup', id: b.id, label };
  const make = (rule: string, severity: Severity, summary: string, hint: string) =>
    finding(rule, severity, 'backups', subject, summary, hint);
  const out: Finding[] = [];

  if (!b.store.outsideRack) {
    out.push(
      make(
        'backup-store-in-rack',
        'critical',
        `backups of ${label} are stored inside the rack (${b.store.endpoint})`,
        'move the bucket outside the data centre: a backup that dies with the control plane cannot rescue it',
      ),
    );
  }
  // The local provider rotates plain files and has no versioning to switch on.
  if (NEEDS_VERSIONING.has(b.tool) && b.store.provider !== 'local' && b.store.versioning !== 'Enabled') {
    const unknown = b.store.versioning === 'unknown';
    out.push(
      make(
        'backup-versioning-off',
        unknown ? 'warning' : 'critical',
        unknown
          ? `bucket versioning of ${b.store.bucket} for ${label} cannot be read; ${b.tool} keeps history only through it`
          : `bucket versioning is ${b.store.versioning} on ${b.store.bucket} for ${label}: each backup overwrites the last, history is lost`,
        `enable versioning (aws s3api put-bucket-versioning --bucket ${b.store.bucket} --versioning-configuration Status=Enabled)${unknown ? ' or grant s3:GetBucketVersioning' : ''}`,
      ),
    );
  }

  out.push(...storeFindings(b, label, make));
  if (b.paused && b.pausedBy) out.push(fenceFinding(b, b.pausedBy, label, now, make));

  const newest = b.versions[0];
  if (!newest) {
    out.push(
      make(
        'backup-missing',
        'critical',
        `no backup versions of ${label} under ${b.store.bucket}/${b.store.prefix}`,
        'a restore now would start an empty database: check the prefix and credentials, then trigger a backup (create-backup)',
      ),
    );
    return out;
  }

  const age = now - newest.time;
  const overdue = age > OVERDUE_WARNING_INTERVALS * b.policy.interval;
  if (b.paused) {
    // Fenced on purpose (e.g. during a restore so no empty backup overwrites the good one); remind, don't alarm.
    // A fence a rackpilot run left in place is said above, with the run.
    if (!b.pausedBy) {
      out.push(
        make(
          'backup-paused',
          overdue ? 'warning' : 'info',
          `backups of ${label} are paused by operator; newest is ${formatAge(age)} old`,
          'resume the backup schedule once the restore or maintenance is done',
        ),
      );
    }
  } else if (overdue) {
    out.push(
      make(
        'backup-overdue',
        age > OVERDUE_CRITICAL_INTERVALS * b.policy.interval ? 'critical' : 'warning',
        `newest backup of ${label} is ${formatAge(age)} old; the schedule (${b.policy.schedule}) expects one every ${formatAge(b.policy.interval)}`,
        `check the ${b.tool} logs and its backup_errors metric; is the store ${b.store.endpoint} reachable?`,
      ),
    );
  }

  if (b.versions.length < options.minVersions) {
    out.push(
      make(
        'backup-few-versions',
        'warning',
        `only ${b.versions.length} backup version(s) of ${label}; at least ${options.minVersions} are wanted`,
        'nothing to fall back to if the newest is bad: check bucket versioning and the lifecycle rule (versions kept)',
      ),
    );
  }

  if (verdict?.sizeDrop) out.push(sizeDropFinding(b, verdict, verdict.sizeDrop.badCount, label, make));

  // The judge's flag: a copy a restore made the newest holds its source's data and is judged by the source's time.
  const newestJudged = verdict?.versions[0];
  if (incident && newestJudged?.flags.includes('after-incident')) {
    out.push(
      make(
        'backup-after-incident',
        'warning',
        `newest version of ${label} was written ${formatAge(-(beforeIncident(newestJudged.version, incident.startedAt) ?? 0))} after the incident "${incident.label}" started; it may not contain the data you want`,
        `compare sizes before restoring; the newest version that looks good is ${describeVersion(b, verdict?.proposal)}`,
      ),
    );
  }
  return out;
}

function sizeDropFinding(
  b: BackupComponent,
  verdict: BackupVerdict,
  badCount: number,
  label: string,
  make: (rule: string, severity: Severity, summary: string, hint: string) => Finding,
): Finding {
  const newest = b.versions[0]?.size ?? 0;
  const before = verdict.versions[badCount]?.version.size;
  const was = before === undefined ? 'no older version is bigger' : `was ${formatBytes(before)} before`;
  return make(
    'backup-size-drop',
    'critical',
    `newest backup of ${label} is ${formatBytes(newest)}, ${was} (${badCount} small version(s)): likely an empty database was backed up`,
    `do not let an automatic restore pick it; ${restoreAdvice(b, verdict.proposal)}`,
  );
}

/** Names the judge's proposal, and how long the lifecycle rule keeps it: the same version the wizard proposes. */
function restoreAdvice(b: BackupComponent, proposal: JudgedVersion | undefined): string {
  if (!proposal) return 'no version looks good: choose one by hand in `rackpilot recover`, comparing sizes, and pause backups now';
  const expiry = b.paused
    ? 'backups are paused, so it is safe for now'
    : proposal.uploadsLeft > 0
      ? `it expires after ${proposal.uploadsLeft} more backup(s) (~${formatAge(proposal.uploadsLeft * b.policy.interval)})${days(b)}: pause backups now`
      : 'it is already beyond the lifecycle rule and may be expired at any moment: copy it now';
  return `restore version ${describeVersion(b, proposal)} by hand; ${expiry}`;
}

/**
 * The store's rule may also count days (radosgw keeps only that part of the sidecar's rule; on AWS a version goes
 * when both the count and the days say so).
 */
function days(b: BackupComponent): string {
  const d = b.policy.noncurrentDays;
  return d === undefined ? '' : `; the store's lifecycle rule also counts days: ${d} day(s) after it stopped being the newest`;
}

function describeVersion(b: BackupComponent, v: JudgedVersion | undefined): string {
  if (!v) return 'none: every version is flagged';
  return `${shortVersionName(b, v.version)} of ${isoMinutes(v.version.time)} UTC`;
}

const RUN_STATE: Record<BackupFence['runState'], string> = {
  running: 'the run is unfinished: still going, or it crashed',
  done: 'the run ended done but left it stopped',
  aborted: 'the run was aborted',
  failed: 'the run failed',
  cancelled: 'the run was cancelled',
};

/**
 * A database a rackpilot run stopped (its fence) and did not start again, while it is still stopped: a warning
 * naming the run, since when and how to end it, so an operator back after a crash sees what is fenced.
 */
function fenceFinding(b: BackupComponent, f: BackupFence, label: string, now: EpochMs, make: (rule: string, severity: Severity, summary: string, hint: string) => Finding): Finding {
  const newest = b.versions[0];
  const age = newest ? `newest backup is ${formatAge(now - newest.time)} old` : 'no backup version at all';
  // The injection of a real drill (runbook drill-inject) exists for one scenario only (wizards/drill/real-inject.ts).
  const command = f.runbook === 'drill-inject' ? 'rackpilot drill --real --scenario empty-backup-after-restart' : `rackpilot ${f.runbook}`;
  const start = f.undo ? `start it by hand: ${f.undo}` : 'start its StatefulSet again (scale it to 1)';
  return make(
    'backup-paused',
    'warning',
    `${label} paused by ${f.runbook} run ${f.runId} (${f.operator}) since ${isoMinutes(f.since)} UTC: its database is stopped, no backups are made (${age}); ${RUN_STATE[f.runState]}`,
    f.runState === 'running' ? `${command} offers to resume the run (its summary says what is still changed); or ${start}` : `continue with ${command}, or ${start}`,
  );
}
