export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The areas of the rack; status prints one line each, the TUI has one pane each. */
export const AREAS = ['topology', 'bgp', 'machines', 'shoots', 'control-planes', 'backups', 'sources'] as const;
export type Area = (typeof AREAS)[number];

export type SubjectKind =
  | 'node'
  | 'link'
  | 'switch'
  | 'bgp-session'
  | 'machine'
  | 'shoot'
  | 'control-plane'
  /** A node, workload or pod of a control plane's cluster (read from its API): id "<control plane id>/…". */
  | 'cluster-node'
  | 'workload'
  | 'pod'
  | 'backup'
  | 'backup-version'
  | 'source';

/** What a finding is about, precise enough for the TUI to jump to it. */
export interface Subject {
  readonly kind: SubjectKind;
  /** Id within its kind: machine id, "switch/vrf/af/neighbor", "project/name", component id, source name. */
  readonly id: string;
  /** Short human name, e.g. the machine name or "spine -> leaf02 (Ethernet4)". */
  readonly label: string;
}

export interface Finding {
  /** The rule that produced it, stable for scripts (e.g. "bgp-session-down"). */
  readonly rule: string;
  readonly severity: Severity;
  readonly area: Area;
  readonly subject: Subject;
  /** One line: what is wrong. */
  readonly summary: string;
  /** One line: what to do or look at next. */
  readonly hint: string;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
