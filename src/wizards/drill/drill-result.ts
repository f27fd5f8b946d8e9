import type { RackSnapshot } from '../../model/snapshot';
import type { VersionFlag } from '../../model/backup';
import type { EpochMs, Millis } from '../../model/time';
import { type RunOutcome, type RunResult, restoredChoices } from '../engine/runner';
import type { VersionOffer } from '../engine/types';
import type { RealDrillFacts } from './real-facts';
import { type RecoveryPlan, restoredBy } from '../runbooks/recover-plan';
import type { RecoveryScenario, ScenarioProposal } from '../runbooks/scenario';

/** What a drill measured. Times are rack time (the drill's fast clock), durations in ms. */
export interface DrillResult {
  readonly scenario: RecoveryScenario;
  /** A drill on a real rack: its name (seed and speed mean nothing there). */
  readonly realRack?: string;
  readonly seed: number;
  readonly speed: number;
  readonly runId: string;
  readonly outcome: RunOutcome;
  readonly reason?: string;
  readonly proposal: string;
  readonly incidentStart: EpochMs;
  readonly recoveryStart: EpochMs;
  readonly recoveryEnd: EpochMs;
  /** The rack's own time for the recovery (the simulated clock stood still while the operator read). */
  readonly machineTime: Millis;
  /** Wall-clock time the operator spent reading and answering. */
  readonly operatorTime: Millis;
  /** Machine time plus operator time: what the recovery would take on a real rack; undefined unless healthy. */
  readonly rto?: Millis;
  /** Incident start until the recovery started, plus the RTO: what users of the lost parts saw. */
  readonly outage?: Millis;
  readonly healthy: boolean;
  readonly steps: readonly DrillStep[];
  readonly restored: readonly RestoredComponent[];
  /** Components the plan meant to restore but that were not (skipped, cancelled, aborted). */
  readonly notRestored: readonly string[];
  /** Critical findings left at the end; empty when healthy. */
  readonly remaining: readonly { readonly rule: string; readonly subject: string; readonly summary: string }[];
  /** A drill on a real rack: what was injected, the versions as listed, the checksum, each phase's time. */
  readonly real?: RealDrillFacts;
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
  readonly realRack?: string;
  readonly seed: number;
  readonly speed: number;
  readonly proposal: ScenarioProposal;
  readonly plan: RecoveryPlan;
  readonly result: RunResult;
  readonly after: RackSnapshot;
  readonly incidentStart: EpochMs;
  /** What each version question offered, by component id (from the run's question events). */
  readonly offers: ReadonlyMap<string, VersionOffer>;
  readonly real?: RealDrillFacts;
}

export function summariseDrill(i: DrillInput): DrillResult {
  const { result } = i;
  const remaining = i.after.findings.filter((f) => f.severity === 'critical').map((f) => ({ rule: f.rule, subject: f.subject.label, summary: f.summary }));
  const healthy = result.state === 'done' && remaining.length === 0;
  const restored: RestoredComponent[] = [];
  const notRestored: string[] = [];
  const chosen = new Map(restoredChoices(result).map((c) => [c.componentId, c]));
  for (const c of restoredBy(i.plan)) {
    const choice = chosen.get(c.id);
    if (!choice) {
      notRestored.push(c.id);
      continue;
    }
    const offered = i.offers.get(c.id)?.verdict.versions ?? [];
    const newest = offered[0]?.version;
    const index = offered.findIndex((a) => a.version.versionId === choice.versionId);
    restored.push({
      component: c.id,
      name: c.name,
      owner: c.owner,
      versionId: choice.versionId,
      versionTime: choice.versionTime,
      size: choice.size,
      rpo: Math.max(0, i.incidentStart - choice.versionTime),
      newest: newest?.versionId === choice.versionId,
      ...(newest ? { newestVersionId: newest.versionId } : {}),
      skipped: offered.slice(0, Math.max(0, index)).map((a) => ({ versionId: a.version.versionId, size: a.version.size, flags: a.flags })),
    });
  }
  const rto = result.machineTime + result.operatorTime;
  return {
    scenario: i.scenario,
    ...(i.realRack !== undefined ? { realRack: i.realRack } : {}),
    seed: i.seed,
    speed: i.speed,
    runId: result.runId,
    outcome: result.state,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    proposal: i.proposal.summary,
    incidentStart: i.incidentStart,
    recoveryStart: result.startedAt,
    recoveryEnd: result.endedAt,
    machineTime: result.machineTime,
    operatorTime: result.operatorTime,
    ...(healthy ? { rto, outage: result.startedAt - i.incidentStart + rto } : {}),
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
    ...(i.real ? { real: i.real } : {}),
  };
}
