import type { Incident } from './snapshot';
import type { EpochMs } from './time';

/** How an incident ended: its recovery run succeeded, or the operator acknowledged it. */
export interface IncidentEnd {
  readonly how: 'recovered' | 'acknowledged';
  /** Who or what ended it: the operator (user@host), or the recovery run's id. */
  readonly by: string;
  readonly at: EpochMs;
}

/**
 * Where ended incidents are remembered, so the header badge stays gone after a refresh and the next `status`
 * (another process) no longer judges backups against an incident that is over. An incident is the rack's, its
 * label and its start: a new injection or a new declared start is a new incident.
 */
export interface IncidentLog {
  ended(rack: string, incident: Incident): IncidentEnd | undefined;
  end(rack: string, incident: Incident, end: IncidentEnd): void;
  /** Set while the log cannot answer yet (a file still being read); resolves once it can. */
  readonly ready?: Promise<void>;
}

/** The log of one process only (tests, a drill's private rack). */
export function memoryIncidentLog(): IncidentLog {
  const ends = new Map<string, IncidentEnd>();
  const key = (rack: string, i: Incident) => JSON.stringify([rack, i.label, i.startedAt]);
  return {
    ended: (rack, incident) => ends.get(key(rack, incident)),
    end: (rack, incident, end) => void ends.set(key(rack, incident), end),
  };
}
