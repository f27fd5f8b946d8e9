import type { BackupComponent } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import { MINUTE, type Millis } from '../../model/time';
import type { Runbook, StepContext } from '../engine/types';
import { clearDataCalls, startCalls, stopCalls, whereItRuns } from '../runbooks/real-procedure';
import type { RecoveryScenario } from '../runbooks/scenario';

/** The scenarios a drill may inject on a real rack itself: each one's injection is a runbook of its own below. */
export const REAL_INJECTABLE: readonly RecoveryScenario[] = ['empty-backup-after-restart'];

export const INJECT_RUNBOOK_ID = 'drill-inject';

/** How long the injection waits for the judge to flag the size drop (the sidecar uploads on its own schedule). */
const DEFAULT_FLAG_TIMEOUT: Millis = 30 * MINUTE;

/**
 * The database a real drill of empty-backup-after-restart breaks: the first backup-restore-sidecar component whose
 * backups the judge finds good now (so there is something to restore) and not yet flagged.
 */
export function drillTarget(snapshot: RackSnapshot): BackupComponent | undefined {
  return snapshot.backups.find((b) => {
    const v = snapshot.backupVerdicts.get(b.id);
    return b.tool === 'backup-restore-sidecar' && v?.proposal !== undefined && v.sizeDrop === undefined;
  });
}

/**
 * The injection of empty-backup-after-restart on a real rack, as an operator would break a lab: scale the
 * database's StatefulSet to 0, delete its PVC, scale it back to 1. The sidecar then starts on an empty data
 * directory and uploads tiny versions; the step's verify waits until the backup judge flags the size drop. One
 * destructive step: the runner shows every call, asks run, skip or abort and audits it like any other
 * (not a typed confirmation yet: the engine types only a restore's version).
 */
export function injectEmptyBackupRunbook(b: BackupComponent, flagTimeout: Millis = DEFAULT_FLAG_TIMEOUT): Runbook {
  const flagged = (ctx: StepContext) => ctx.snapshot.backupVerdicts.get(b.id)?.sizeDrop;
  return {
    id: INJECT_RUNBOOK_ID,
    title: `Drill: inject empty-backup-after-restart into ${b.name}`,
    description: `DESTRUCTIVE BY DESIGN: deletes the data volume of ${b.name} (${whereItRuns(b)}) so the drill can restore it from its backups.`,
    steps: [
      {
        id: `inject-${b.id}`,
        title: `Lose the volume of ${b.name} and start it empty`,
        explanation: `A DRILL ON A REAL RACK: ${b.name} is stopped, its data volume (PVC) deleted and it is started again on an empty data directory. Its sidecar then uploads near-empty versions; this step waits until the backup judge flags the size drop. The recovery follows and restores the last good version.`,
        destructive: true,
        preconditions: [
          {
            description: `${b.name} has a good backup version to restore`,
            test: (ctx) => {
              const p = ctx.snapshot.backupVerdicts.get(b.id)?.proposal;
              return p ? { ok: true, detail: `version ${p.version.versionId} looks good` } : { ok: false, detail: 'no version looks good: a drill would lose the data for real' };
            },
          },
        ],
        actions: () => [
          { id: 'stop', description: `Scale ${b.name} to 0 and wait for its pod to go`, effect: { op: 'stop-database', component: b.id }, calls: stopCalls(b), destructive: false, undo: { what: `start ${b.name} again`, calls: startCalls(b) } },
          { id: 'clear', description: `Delete the data volume (PVC) of ${b.name}`, effect: { op: 'clear-data', component: b.id }, calls: clearDataCalls(b), destructive: true },
          { id: 'start', description: `Scale ${b.name} back to 1: it starts on an empty data directory`, effect: { op: 'start-database', component: b.id }, calls: startCalls(b), destructive: false },
        ],
        verify: {
          description: `the backup judge flags the size drop of ${b.name}`,
          test: (ctx) => {
            const drop = flagged(ctx);
            return drop ? { ok: true, detail: `${drop.badCount} newest version(s) look empty` } : { ok: false, detail: 'no size drop flagged yet' };
          },
          timeout: flagTimeout,
        },
      },
    ],
  };
}
