import { shortVersionName } from '../../backups/judge';
import type { BackupComponent, BackupVersion } from '../../model/backup';
import { MINUTE } from '../../model/time';
import { formatBytes } from '../../text/format-bytes';
import { isoMinutes } from '../../text/time-text';
import type { Action, Step, StepContext } from '../engine/types';
import { all, backupsPaused, controlPlanesReachable, newGoodVersions, noCritical, type SnapshotCheck } from './checks';
import {
  clearDataCalls,
  k3sRestoreCalls,
  k3sSnapshotsOnCalls,
  promoteCalls,
  recheckCalls,
  releaseCalls,
  setAsideCalls,
  startCalls,
  waitReadyCalls,
} from './real-procedure';
import { componentLabel } from './scenario-facts';

/**
 * Restoring one component from the version the operator chose and confirmed by typing. Each tool its own way,
 * each consistent: the database is stopped (fence step) before its data is touched, and started again only once
 * the chosen version is what it will restore.
 */
export function restoreStep(c: BackupComponent): Step {
  const label = componentLabel(c);
  const k3s = c.tool === 'k3s-etcd-snapshot';
  return {
    id: `restore-${c.id}`,
    title: `Restore ${label}`,
    explanation: `${HOW[c.tool](label)} The newest version is not automatically right: one written after the incident started, or much smaller than the ones before it, probably holds an empty database. The wizard proposes the newest version that looks good; you type the component and the version to confirm.`,
    destructive: true,
    preconditions: k3s ? [] : [{ description: `${c.id} is stopped (fenced)`, test: (ctx) => backupsPaused([c.id], true)(ctx.snapshot) }],
    question: { componentId: c.id },
    actions: (ctx) => restoreActions(c, ctx),
    // The database itself runs again on the restored data; its control plane is checked once all of its
    // databases are back (the metal-api step, the final verify).
    verify: k3s
      ? { description: 'k3s answers again', test: (ctx) => controlPlanesReachable(['k3s'])(ctx.snapshot), timeout: 20 * MINUTE }
      : { description: `${label} runs again, restored`, test: (ctx) => backupsPaused([c.id], false)(ctx.snapshot), timeout: 20 * MINUTE },
  };
}

const HOW: Record<BackupComponent['tool'], (label: string) => string> = {
  'backup-restore-sidecar': (label) =>
    `The sidecar of ${label} restores the newest version into an empty data directory. So the chosen version is made the newest (S3 copy onto the same key, naming its source), the data directory is deleted (the PVC of pod 0), and the database is started: it restores that version, then serves and backs up again.`,
  'etcd-backup-restore': (label) =>
    `etcd-backup-restore restores the newest full snapshot (and the deltas after it) into an empty data directory. So snapshots newer than the chosen one are moved aside (copied under quarantine/, then deleted), the data directory of ${label} is deleted (PVC of pod 0) and etcd is started.`,
  'k3s-etcd-snapshot': () =>
    'k3s writes one object per snapshot. k3s is stopped, the chosen snapshot is restored with --cluster-reset (its S3 credentials come from the k3s config file, never the command line), and k3s started again: the cluster state is back, including the StatefulSets of the control planes.',
};

function restoreActions(c: BackupComponent, ctx: StepContext): Action[] {
  const live = ctx.snapshot.backups.find((b) => b.id === c.id) ?? c;
  const chosenId = ctx.choice?.versionId;
  const index = live.versions.findIndex((v) => v.versionId === chosenId);
  const v = live.versions[index];
  if (!chosenId || !v) return [];
  const what = `${live.tool === 'backup-restore-sidecar' ? 'version' : 'snapshot'} ${shortVersionName(live, v)} of ${isoMinutes(v.time)} UTC (${formatBytes(v.size)})`;
  const label = componentLabel(c);
  if (c.tool === 'k3s-etcd-snapshot') {
    return [{ id: 'restore', description: `restore k3s from ${what}`, effect: { op: 'restore-snapshot', component: c.id, versionId: chosenId }, calls: k3sRestoreCalls(live, v), destructive: true }];
  }
  const out: Action[] = [];
  // Read live again right before S3 or the data directory is changed: the choice must still hold.
  const recheck = recheckCalls(live, v, ctx.choice?.newestSeen);
  if (index > 0 && c.tool === 'backup-restore-sidecar') {
    out.push({ id: 'promote', description: `make ${what} the newest version of ${label}`, effect: { op: 'promote-version', component: c.id, versionId: chosenId }, calls: [...recheck, ...promoteCalls(live, v)], destructive: false });
  }
  if (index > 0 && c.tool === 'etcd-backup-restore') {
    const newer = live.versions.slice(0, index) as BackupVersion[];
    out.push({ id: 'set-aside', description: `move the ${newer.length} snapshot(s) newer than ${what} aside`, effect: { op: 'set-aside-newer', component: c.id, versionId: chosenId }, calls: setAsideCalls(live, newer, ctx.runId), destructive: true });
  }
  out.push(
    { id: 'clear-data', description: `delete the data directory of ${label} (its PVC)`, effect: { op: 'clear-data', component: c.id }, calls: [...recheck, ...clearDataCalls(live)], destructive: true },
    { id: 'start', description: `start ${label}: it restores ${what}`, effect: { op: 'start-database', component: c.id }, calls: startCalls(live), destructive: false },
    { id: 'ready', description: `wait until ${label} is ready`, effect: { op: 'none' }, calls: waitReadyCalls(live), destructive: false },
  );
  return out;
}

/**
 * The end of a recovery: k3s snapshots on again, etcd handed back to etcd-druid, and proof that each restored
 * database backs up real data (its next upload is about the restored size, not an empty database).
 */
export function resumeStep(components: readonly BackupComponent[], since: (ctx: StepContext) => number): Step {
  const ids = components.map((c) => c.id);
  const k3s = components.filter((c) => c.tool === 'k3s-etcd-snapshot');
  const etcd = components.filter((c) => c.tool === 'etcd-backup-restore');
  const actions: Action[] = [
    ...k3s.map((c): Action => ({ id: `resume-${c.id}`, description: 'turn scheduled k3s etcd snapshots back on', effect: { op: 'resume-backups', component: c.id }, calls: k3sSnapshotsOnCalls(), destructive: false })),
    ...etcd.map((c): Action => ({ id: `release-${c.id}`, description: `hand ${componentLabel(c)} back to etcd-druid`, effect: { op: 'none' }, calls: releaseCalls(c), destructive: false })),
  ];
  const uploads: (ctx: StepContext) => SnapshotCheck = (ctx) => all(backupsPaused(ids, false), newGoodVersions(ids, () => since(ctx)), noCritical(['backups']));
  return {
    id: 'confirm-backups',
    title: 'Confirm the backups',
    explanation:
      'Backups run again with the restored databases. The next upload of each must be about the size of the ' +
      'restored version: that proves the restore holds real data and no empty database is being backed up.',
    destructive: false,
    preconditions: [],
    actions: () => actions,
    verify: { description: 'backups running, a new good version uploaded, no critical backup findings', test: (ctx) => uploads(ctx)(ctx.snapshot), timeout: 20 * MINUTE },
  };
}
