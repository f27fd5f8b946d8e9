import { Box, Text } from 'ink';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { SourceStatus } from '../../src/model/source';
import { formatAge } from '../../src/text/format-age';
import type { RackStore } from '../../src/store/rack-store';
import { useNow } from '../hooks/use-now';
import { useSources } from '../hooks/use-snapshot';
import { Tone } from '../theme-context';

function sourceText(s: SourceStatus, now: number): { text: string; tone?: 'critical' | 'warning' | 'muted' } {
  const age = s.lastSuccess === undefined ? 'never' : formatAge(Math.max(0, now - s.lastSuccess));
  switch (s.state) {
    case 'ok':
      return { text: `${s.name} ok ${age}` };
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
 * One line: rack name, SIMULATED badge, incident, each source's state and data age, the UTC clock. The clock
 * lives here so that its one-second tick re-renders the header only.
 */
export function Header({ snapshot, store, width }: { snapshot: RackSnapshot; store: RackStore; width: number }) {
  // Subscribed here, not in App: a poll that brought nothing new re-renders this line only.
  const statuses = useSources(store);
  const now = useNow();
  const clock = `${new Date(now).toISOString().slice(11, 19)}Z`;
  const sources = statuses.map((s) => sourceText(s, now));
  const incident = snapshot.incident
    ? ` INCIDENT ${snapshot.incident.label} ${formatAge(Math.max(0, now - snapshot.incident.startedAt))}`
    : '';
  const left = `rackpilot ${snapshot.rack.name}`;
  const badge = snapshot.rack.simulated ? ' SIMULATED' : '';
  const room = width - left.length - badge.length - incident.length - clock.length - 3;
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
