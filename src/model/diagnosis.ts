import type { Area, Severity } from './finding';

/**
 * The findings of one snapshot grouped by what caused them (health/diagnose.ts): lost hosts, then the links and
 * BGP sessions that went down with them, the shoots whose nodes ran there, the control planes those shoots (or
 * the bootstrap node) host, and those control planes' overdue backups. Every finding is in exactly one cause; a
 * finding nothing explains is a cause of its own.
 */
export interface Diagnosis {
  /** Worst first, then in the order of their first finding. */
  readonly causes: readonly Cause[];
}

export interface CauseMember {
  /** Index into the snapshot's findings. */
  readonly index: number;
  /** 0: the cause itself; 1: what follows from it directly (a shoot from its lost worker); 2: from that … */
  readonly depth: number;
}

/** What went down with a cause without a finding of its own (the rules fold them into the cause's findings). */
export interface CauseEffects {
  /** Lost hosts: nodes the topology sees down, and machines (counted again in machinesDown). */
  readonly hostsDown: number;
  readonly machinesDown: number;
  readonly linksDown: number;
  readonly sessionsDown: number;
}

export interface Cause {
  /** Stable between refreshes: "hosts-lost", or the row id of its first finding. */
  readonly id: string;
  /** The worst of its own findings and of everything that follows from it. */
  readonly severity: Severity;
  readonly area: Area;
  /** One line naming the cause (its first finding's summary, or "5 hosts down: …"). */
  readonly summary: string;
  /** What follows from it, counted ("with them: 9 links and 12 BGP sessions down; 2 shoots …"); empty when nothing. */
  readonly followups: string;
  /** What to do first. */
  readonly hint: string;
  /** As a tree, read top-down: each thing's findings, then what follows from it, before its next sibling (worst first). */
  readonly members: readonly CauseMember[];
  readonly effects: CauseEffects;
}

export const NO_EFFECTS: CauseEffects = { hostsDown: 0, machinesDown: 0, linksDown: 0, sessionsDown: 0 };
