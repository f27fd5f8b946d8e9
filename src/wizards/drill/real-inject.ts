import type { BackupComponent } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import { MINUTE, type Millis } from '../../model/time';
import type { Runbook, StepContext, TypedConfirmation } from '../engine/types';
import { formatBytes } from '../../text/format-bytes';
import { isoSeconds } from '../../text/time-text';
import { clearDataCalls, dataVolumeOf, startCalls, stopCalls, whereItRuns } from '../runbooks/real-procedure';
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
 * destructive step, confirmed by typing (`destroy <component> on <rack>`) after exactly what it does is shown;
 * the audit log records the confirmation like any other decision.
 */
export function injectEmptyBackupRunbook(b: BackupComponent, rack: string, o: { readonly context?: (name: string) => string; readonly flagTimeout?: Millis } = {}): Runbook {
  const context = o.context ?? ((c: string) => c);
  const flagged = (ctx: StepContext) => ctx.snapshot.backupVerdicts.get(b.id)?.sizeDrop;
  return {
    id: INJECT_RUNBOOK_ID,
    title: `Drill: inject empty-backup-after-restart into ${b.name}`,
    description: `DESTRUCTIVE BY DESIGN: deletes the data volume of ${b.name} (${whereItRuns(b, context)}) so the drill can restore it from its backups.`,
    steps: [
      {
        id: `inject-${b.id}`,
        title: `Lose the volume of ${b.name} and start it empty`,
        explanation: `A DRILL ON A REAL RACK: ${b.name} is stopped, its data volume (PVC) deleted and it is started again on an empty data directory. Its sidecar then uploads near-empty versions; this step waits until the backup judge flags the size drop. The recovery follows and restores the last good version.`,
        destructive: true,
        typed: (ctx) => injectConfirmation(b, rack, ctx, context),
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
          timeout: o.flagTimeout ?? DEFAULT_FLAG_TIMEOUT,
        },
      },
    ],
  };
}

/** The text that confirms the injection, and exactly what it does, with the version the recovery will propose now. */
export function injectConfirmation(b: BackupComponent, rack: string, ctx: StepContext, context: (name: string) => string = (c) => c): TypedConfirmation {
  const p = ctx.snapshot.backupVerdicts.get(b.id)?.proposal?.version;
  return {
    text: `destroy ${b.id} on ${rack}`,
    what: [
      `On rack ${rack} (REAL, not simulated), database ${b.name} of ${b.owner}, ${whereItRuns(b, context)}:`,
      `1. scale it to 0 and wait for its pod to go (its backups stop);`,
      `2. DELETE its data volume, ${dataVolumeOf(b, context)}: every byte of ${b.name} on the rack is gone;`,
      `3. scale it back to 1: it starts on an empty data directory and uploads near-empty backups.`,
      p
        ? `Then the recovery offers the version the judge proposes now, ${p.versionId} of ${isoSeconds(p.time)} UTC (${formatBytes(p.size)}), for you to confirm.`
        : 'No version looks good now: the injection will refuse to run.',
    ],
  };
}
