import { memo } from 'react';
import { Box, Text } from 'ink';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { SourceStatus } from '../../src/model/source';
import { unreadSwitches } from '../../src/present/source-coverage';
import { truncate } from '../../src/present/table-layout';
import { formatAge } from '../../src/text/format-age';
import type { RackStore } from '../../src/store/rack-store';
import { useNow } from '../hooks/use-now';
import { useSources } from '../hooks/use-snapshot';
import { Tone } from '../theme-context';

/** The label keeps at least this much when it gives way to the sources. */
const INCIDENT_LABEL_MIN = 12;

function incidentText(incident: { label: string; startedAt: number }, now: number, room: number): string {
  const age = formatAge(Math.max(0, now - incident.startedAt));
  const whole = ` INCIDENT ${incident.label} ${age}`;
  if (whole.length <= room) return whole;
  const cells = Math.max(INCIDENT_LABEL_MIN, incident.label.length - (whole.length - room));
  return ` INCIDENT ${truncate(incident.label, cells)} ${age}`;
}

function sourceText(s: SourceStatus, now: number, snapshot: RackSnapshot): { text: string; tone?: 'critical' | 'warning' | 'muted' } {
  const age = s.lastSuccess === undefined ? 'never' : formatAge(Math.max(0, now - s.lastSuccess));
  switch (s.state) {
    case 'ok': {
      // A poll that read some switches is a success; the switches it could not read are not "ok".
      const partial = unreadSwitches(s, snapshot);
      return partial ? { text: `${s.name} ${partial.read}/${partial.total} read ${age}`, tone: 'warning' } : { text: `${s.name} ok ${age}` };
    }
    case 'pending':
      return { text: `${s.name} ...`, tone: 'muted' };
    case 'stale':
      return { text: `${s.name} STALE ${age}`, tone: 'warning' };
    case 'error':
      return { text: `${s.name} ERROR ${age}`, tone: 'critical' };
    case 'disabled':
      return { text: `${s.name} off`, tone: 'muted' };
  }
}

/**
 * One line: rack name, SIMULATED badge, DRILL and its scenario while a drill is open, incident, each source's state
 * and data age, the UTC clock. The clock lives here so that its one-second tick re-renders the header only.
 */
function HeaderLine({ snapshot, store, width, drill }: { snapshot: RackSnapshot; store: RackStore; width: number; drill?: string }) {
  // Subscribed here, not in App: a poll that brought nothing new re-renders this line only.
  const statuses = useSources(store);
  const now = useNow();
  const clock = `${new Date(now).toISOString().slice(11, 19)}Z`;
  const sources = statuses.map((s) => sourceText(s, now, snapshot));
  const left = `rackpilot ${snapshot.rack.name}`;
  const badge = snapshot.rack.simulated ? ' SIMULATED' : '';
  // A drill opened from w runs on a private rack: said first, so it is never taken for a recovery of this one.
  const drillBadge = drill ? ` DRILL ${drill}` : '';
  const fixed = width - left.length - badge.length - drillBadge.length - clock.length - 3;
  // A long incident label gives way (down to a few cells) so the first source's data age keeps its place: it says
  // whether the screen is current.
  const incident = snapshot.incident ? incidentText(snapshot.incident, now, fixed - (sources[0]?.text.length ?? 0)) : '';
  const room = fixed - incident.length;
  const shown: Array<{ text: string; tone?: 'critical' | 'warning' | 'muted'; key: string }> = [];
  let used = 0;
  sources.forEach((src, i) => {
    const cost = src.text.length + (shown.length ? 2 : 0);
    if (used + cost <= room) {
      shown.push({ ...src, key: statuses[i]?.name ?? String(i) });
      used += cost;
    }
  });
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold>{left}</Text>
        <Tone tone="accent">{badge}</Tone>
        <Tone tone="warning" bold>
          {drillBadge}
        </Tone>
        <Tone tone="critical" bold>
          {incident}
        </Tone>
        <Text>{'  '}</Text>
        {shown.map((s, i) => (
          <Tone key={s.key} tone={s.tone}>
            {i > 0 ? '  ' : ''}
            {s.text}
          </Tone>
        ))}
      </Text>
      <Text>{clock}</Text>
    </Box>
  );
}

/** Memoised: a key that moves the selection leaves this line's props alone, so it is not rendered again. */
export const Header = memo(HeaderLine);
