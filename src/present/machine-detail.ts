import type { Machine } from '../model/machine';
import type { EpochMs } from '../model/time';
import { blank, type DetailLine, facts, heading, line } from './detail-lines';
import { formatAge } from '../text/format-age';
import { machineMarks } from './machine-marks';
import { isoSeconds } from '../text/time-text';

/** A machine's facts and its whole provisioning event timeline, newest first (as metal-api keeps it). */
export function machineDetail(m: Machine, now: EpochMs): DetailLine[] {
  const a = m.allocation;
  const out: DetailLine[] = [
    heading(`Machine ${m.name} (${m.id})`),
    ...facts([
      ['partition/rack', `${m.partition}/${m.rack}`],
      ['size', m.size],
      ['role', m.role],
      ['allocation', a ? `${a.project}${a.cluster ? ` / ${a.cluster}` : ''} ${a.hostname ?? a.name}` : 'not allocated'],
      ['image', a?.image],
      ['liveliness', m.liveliness],
      ['phase', m.phase ? `${m.phase}${m.phaseSince !== undefined ? ` for ${formatAge(now - m.phaseSince)}` : ''}` : '-'],
      ['marks', machineMarks(m, now).join(' ') || 'none'],
      ['power', m.power === 'no-bmc' ? 'no BMC (power actions impossible; use the power button)' : m.power],
      ['LED', m.led],
      ['uplinks', m.uplinks.join(', ')],
      ['last error', m.lastErrorEvent ? `${m.lastErrorEvent.event} ${m.lastErrorEvent.message}` : undefined],
    ]),
    blank,
    heading(`Event timeline (${m.events.length} events, newest first)`),
  ];
  for (const e of m.events) {
    const tone = e.event === 'Crashed' ? 'critical' : undefined;
    out.push(line(`${isoSeconds(e.time)}  ${formatAge(now - e.time).padStart(4)} ago  ${e.event.padEnd(18)} ${e.message}`, tone));
  }
  if (m.events.length === 0) out.push(line('no events recorded', 'muted'));
  return out;
}
