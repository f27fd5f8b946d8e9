/**
 * What metalctl says about a machine at a glance, as words (so NO_COLOR and --ascii keep them): its status marks in
 * metalctl's order, and how bad the machine is overall. Facts: shared/domain/metal-api.md ("The anchor for the
 * machines pane: metalctl").
 */
import type { Machine } from '../model/machine';
import { type EpochMs, HOUR } from '../model/time';
import type { Tone } from './rows';

/** metalctl's LastEventErrors: an error event younger than this. */
export const RECENT_ERROR = HOUR;

/** Dead, Unknown, Locked, Reserved, FailedReclaim, LastEventErrors, CrashLoop, VPN: metalctl's marks, in its order. */
export function machineMarks(m: Machine, now: EpochMs): string[] {
  const marks: string[] = [];
  if (m.liveliness === 'Dead') marks.push('Dead');
  if (m.liveliness === 'Unknown') marks.push('Unknown');
  if (m.lock === 'LOCKED') marks.push('Locked');
  if (m.lock === 'RESERVED') marks.push('Reserved');
  if (m.failedReclaim) marks.push('FailedReclaim');
  if (m.lastErrorEvent && now - m.lastErrorEvent.time < RECENT_ERROR) marks.push('LastEventErrors');
  if (m.crashLoop) marks.push('CrashLoop');
  if (m.allocation?.vpnConnected === true) marks.push('VPN');
  return marks;
}

/**
 * Critical: dead, crash-looping, or an issue metal-api rates critical. Warning: liveliness unknown, a failed
 * reclaim, or a major issue. Minor issues and the other marks leave the row plain: they are facts, not alarms.
 */
export function machineTone(m: Machine): Tone | undefined {
  if (m.liveliness === 'Dead' || m.crashLoop || m.issues?.some((i) => i.severity === 'critical')) return 'critical';
  if (m.liveliness === 'Unknown' || m.failedReclaim || m.issues?.some((i) => i.severity === 'major')) return 'warning';
  return undefined;
}

/** metalctl's When: since events.last_event_time, or the newest logged event where metal-api gave none. */
export function lastEventAt(m: Machine): EpochMs | undefined {
  return m.lastEventTime ?? m.events[0]?.time;
}

/** The power state in a word: the mini-rack's small PCs have no BMC to ask. */
export function powerText(m: Machine): string {
  return m.power === 'no-bmc' ? 'no BMC' : m.power;
}
