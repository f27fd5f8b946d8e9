import { Box, Text } from 'ink';
import type { AreaStatus, AreaSummary } from '../../src/present/area-summary';
import { truncate } from '../../src/present/table-layout';
import { Tone, useTheme } from '../theme-context';

const WORD: Record<AreaStatus, string> = { ok: 'OK', info: 'INFO', warning: 'WARN', critical: 'CRIT', 'no-data': '--' };
const TONE: Record<AreaStatus, 'critical' | 'warning' | 'info' | 'ok' | 'muted'> = {
  ok: 'ok',
  info: 'info',
  warning: 'warning',
  critical: 'critical',
  'no-data': 'muted',
};

/** The overview's top: notes, then one line per area with its worst state and counts (the same lines as `status`). */
export function AreaLines({ areas, notes = [], width }: { areas: readonly AreaSummary[]; notes?: readonly string[]; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      {notes.map((note) => (
        <Text key={note} wrap="truncate">
          <Tone tone="warning">{truncate(`note: ${note}`, width, theme.ellipsis)}</Tone>
        </Text>
      ))}
      {areas.map((a) => (
        <Text key={a.area} wrap="truncate">
          {a.area.padEnd(15)}
          <Tone tone={TONE[a.status]} bold>
            {WORD[a.status].padEnd(6)}
          </Tone>
          {truncate(a.text, Math.max(0, width - 21), theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
