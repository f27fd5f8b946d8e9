import { incidentTouches } from '../backups/incident-scope';
import { type BackupJudge, judgeBackups } from '../backups/judge';
import { diagnose, evaluate, type HealthOptions, healthOptions } from '../health';
import type { RackObservation, RackSnapshot } from '../model/snapshot';

/**
 * Judges one observation, once: the backup versions by the one judge, then every health rule, both with the
 * configured options, then groups the findings by cause. Every snapshot a pane, `status` or a wizard sees was made here, so none of them judges again
 * and none can disagree with another about a finding or about which backup version looks empty.
 */
export function assess(observation: RackObservation, options: Partial<HealthOptions> = {}, judge: BackupJudge = judgeBackups): RackSnapshot {
  const o = healthOptions(options);
  const incidentStart = observation.incident?.startedAt;
  // The store passes its memo of the judge (judge.ts memoJudge): an unchanged component keeps its verdict.
  const backupVerdicts = judge(observation.backups, {
    sizeDropRatio: o.sizeDropRatio,
    ...(incidentStart !== undefined ? { incidentStart, touched: incidentTouches(observation) } : {}),
  });
  const findings = evaluate(observation, o, backupVerdicts);
  return Object.freeze({ ...observation, backupVerdicts, findings, diagnosis: diagnose(observation, findings) });
}
