import type { Machine } from '../model/machine';
import { type EpochMs, HOUR, SECOND } from '../model/time';
import { formatAge } from '../text/format-age';
import { isoSeconds } from '../text/time-text';
import { type DetailLine, heading, line } from './detail-lines';

/** A silence this long between two logged events gets a line of its own. */
export const LONG_SILENCE = HOUR;
// "2026-11-25 03:00:00   5d ago    +2m  Booting New Kernel " : where an event's message starts.
const MESSAGE_AT = 19 + 1 + 4 + 4 + 1 + 5 + 2 + 18 + 1;

/**
 * The whole event log, newest first as metal-api keeps it, each event with the time since the one before it
 * ("+2m"), so a machine that hung between two steps shows where. A long silence gets its own line, in the info
 * tone: it stands out, but a machine waiting hours for its allocation is no fault.
 */
export function machineTimeline(m: Machine, now: EpochMs): DetailLine[] {
  const events = m.events;
  const out: DetailLine[] = [heading(`Event timeline (${events.length} events, newest first)`)];
  const newest = events[0];
  if (m.lastEventTime !== undefined && newest && m.lastEventTime - newest.time >= SECOND) {
    // metal-api moves last_event_time without logging a repeated event (a machine phoning home again).
    out.push(eventLine(m.lastEventTime, now, gapText(m.lastEventTime - newest.time), 'last event time', 'not in the log', 'muted'));
  }
  for (const [i, e] of events.entries()) {
    const before = events[i + 1];
    const gap = before ? e.time - before.time : undefined;
    out.push(eventLine(e.time, now, gap === undefined ? '' : gapText(gap), e.event, e.message, e.event === 'Crashed' ? 'critical' : undefined));
    if (gap !== undefined && gap >= LONG_SILENCE) {
      out.push(line(`${' '.repeat(17)}... gap ${formatAge(gap)}: no event between ${before?.event} and ${e.event} ...`, 'info'));
    }
  }
  if (events.length === 0) out.push(line('no events recorded', 'muted'));
  return out;
}

function gapText(ms: number): string {
  return `+${formatAge(ms)}`;
}

function eventLine(at: EpochMs, now: EpochMs, gap: string, event: string, message: string, tone?: DetailLine['tone']): DetailLine {
  const text = `${isoSeconds(at)} ${formatAge(now - at).padStart(4)} ago ${gap.padStart(5)}  ${event.padEnd(18)} ${message}`;
  return line(text.trimEnd(), tone, MESSAGE_AT);
}
