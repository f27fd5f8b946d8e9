import { evaluate } from '../../health';
import type { BackupVersion } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs, Millis } from '../../model/time';
import type { RecoveryPlan } from '../runbooks/recover-plan';
import { versionKey } from '../runbooks/recover-steps';
import type { RecoveryScenario, ScenarioProposal } from '../runbooks/scenario';
import type { RunOutcome, RunResult } from '../engine/runner';
import type { AssessedVersion, VersionFlag } from '../version-choice';

/** What a drill measured. Times are rack time (the drill's fast clock), durations in ms. */
export interface DrillResult {
  readonly scenario: RecoveryScenario;
  readonly seed: number;
  readonly speed: number;
  readonly runId: string;
  readonly outcome: RunOutcome;
  readonly reason?: string;
  readonly proposal: string;
  readonly incidentStart: EpochMs;
  readonly recoveryStart: EpochMs;
  readonly recoveryEnd: EpochMs;
  /** Recovery start to healthy; undefined when the rack did not end healthy. */
  readonly rto?: Millis;
  /** Incident start to healthy: what users of the lost parts saw. */
  readonly outage?: Millis;
  readonly healthy: boolean;
  readonly steps: readonly DrillStep[];
  readonly restored: readonly RestoredComponent[];
  /** Components the plan meant to restore but that were not (skipped, cancelled, aborted). */
  readonly notRestored: readonly string[];
  /** Critical findings left at the end; empty when healthy. */
  readonly remaining: readonly { readonly rule: string; readonly subject: string; readonly summary: string }[];
}

export interface DrillStep {
  readonly id: string;
  readonly title: string;
  readonly state: string;
  readonly startedAt?: EpochMs;
  readonly endedAt?: EpochMs;
  readonly duration?: Millis;
}

export interface RestoredComponent {
  readonly component: string;
  readonly name: string;
  readonly owner: string;
  readonly versionId: string;
  readonly versionTime?: EpochMs;
  readonly size?: number;
  /** Data lost: incident start minus the restored version's time. */
  readonly rpo?: Millis;
  /** Whether the restored version was the newest one offered. */
  readonly newest: boolean;
  readonly newestVersionId?: string;
  /** Newer versions passed over, and why they looked wrong. */
  readonly skipped: readonly { readonly versionId: string; readonly size: number; readonly flags: readonly VersionFlag[] }[];
}

export interface DrillInput {
  readonly scenario: RecoveryScenario;
  readonly seed: number;
  readonly speed: number;
  readonly proposal: ScenarioProposal;
  readonly plan: RecoveryPlan;
  readonly result: RunResult;
  readonly before: RackSnapshot;
  readonly after: RackSnapshot;
  readonly incidentStart: EpochMs;
  readonly offers: ReadonlyMap<string, readonly AssessedVersion[]>;
}

export function summariseDrill(i: DrillInput): DrillResult {
  const { result } = i;
  const remaining = evaluate(i.after)
    .filter((f) => f.severity === 'critical')
    .map((f) => ({ rule: f.rule, subject: f.subject.label, summary: f.summary }));
  const healthy = result.state === 'done' && remaining.length === 0;
  const restored: RestoredComponent[] = [];
  const notRestored: string[] = [];
  for (const c of i.plan.restore) {
    const step = result.steps.find((s) => s.id === `restore-${c.id}`);
    const versionId = result.answers[versionKey(c)];
    if (step?.state !== 'done' || versionId === undefined) {
      notRestored.push(c.id);
      continue;
    }
    const offered = i.offers.get(c.id) ?? [];
    const version = offered.find((a) => a.version.versionId === versionId)?.version ?? findVersion([i.after, i.before], c.id, versionId);
    const newest = offered[0]?.version;
    restored.push({
      component: c.id,
      name: c.name,
      owner: c.owner,
      versionId,
      ...(version ? { versionTime: version.time, size: version.size, rpo: i.incidentStart - version.time } : {}),
      newest: newest?.versionId === versionId,
      ...(newest ? { newestVersionId: newest.versionId } : {}),
      skipped: newerThan(offered, versionId),
    });
  }
  return {
    scenario: i.scenario,
    seed: i.seed,
    speed: i.speed,
    runId: result.runId,
    outcome: result.state,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    proposal: i.proposal.summary,
    incidentStart: i.incidentStart,
    recoveryStart: result.startedAt,
    recoveryEnd: result.endedAt,
    ...(healthy ? { rto: result.endedAt - result.startedAt, outage: result.endedAt - i.incidentStart } : {}),
    healthy,
    steps: result.steps.map((s) => ({
      id: s.id,
      title: s.title,
      state: s.state,
      ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
      ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
      ...(s.startedAt !== undefined && s.endedAt !== undefined ? { duration: s.endedAt - s.startedAt } : {}),
    })),
    restored,
    notRestored,
    remaining,
  };
}

function findVersion(snapshots: readonly RackSnapshot[], component: string, versionId: string): BackupVersion | undefined {
  for (const s of snapshots) {
    const v = s.backups.find((b) => b.id === component)?.versions.find((x) => x.versionId === versionId);
    if (v) return v;
  }
  return undefined;
}

function newerThan(offered: readonly AssessedVersion[], versionId: string): RestoredComponent['skipped'] {
  const index = offered.findIndex((a) => a.version.versionId === versionId);
  return offered.slice(0, Math.max(0, index)).map((a) => ({ versionId: a.version.versionId, size: a.version.size, flags: a.flags }));
}
