import type { BackupVerdict } from '../model/backup';
import type { RackObservation } from '../model/snapshot';
import { backupRules } from './backup-rules';
import { bgpRules } from './bgp-rules';
import { fabricRules } from './fabric-rules';
import { controlPlaneRules } from './control-plane-rules';
import { AREAS, type Finding, SEVERITIES, type Severity, severityRank } from './finding';
import { machineRules } from './machine-rules';
import { DEFAULT_HEALTH_OPTIONS, type HealthOptions } from './options';
import { shootRules } from './shoot-rules';
import { sourceRules } from './source-rules';
import { topologyRules } from './topology-rules';

export { DEFAULT_HEALTH_OPTIONS, type HealthOptions } from './options';

/**
 * All health rules over one snapshot. Pure: the evaluation time is snapshot.takenAt, never the wall clock. The
 * store calls it once per snapshot (store/assess.ts), with the options resolved and the backup verdicts it also
 * hands to everyone else, so the backup findings say what the panes and the wizard say.
 */
export function evaluate(snapshot: RackObservation, o: HealthOptions, verdicts: ReadonlyMap<string, BackupVerdict>): Finding[] {
  const findings = [
    ...topologyRules(snapshot),
    ...bgpRules(snapshot),
    ...fabricRules(snapshot, o),
    ...machineRules(snapshot, o),
    ...shootRules(snapshot, o),
    ...controlPlaneRules(snapshot),
    ...backupRules(snapshot, o, verdicts),
    ...sourceRules(snapshot, o),
  ];
  return sortFindings(findings);
}

/** Worst first, then in the areas' screen order, then by subject so the list does not jump between refreshes. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
      a.subject.label.localeCompare(b.subject.label) ||
      a.rule.localeCompare(b.rule) ||
      a.summary.localeCompare(b.summary),
  );
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (worst === undefined || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  return worst;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The defaults with what is given laid over them. */
export function healthOptions(options: Partial<HealthOptions> = {}): HealthOptions {
  return { ...DEFAULT_HEALTH_OPTIONS, ...definedOnly(options) };
}

/** `{ stuckPhaseAfter: undefined }` from a half-filled config must not wipe out the default. */
function definedOnly(options: Partial<HealthOptions>): Partial<HealthOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
