import { Box, Text } from 'ink';
import type { AreaStatus } from '../../src/present/area-summary';
import { PANE_TITLES, PANES, type PaneId } from '../../src/present/ui-state';
import { useTheme } from '../theme-context';
import { Tone } from '../theme-context';

const TONE: Record<AreaStatus, 'critical' | 'warning' | 'info' | undefined> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
  ok: undefined,
  'no-data': undefined,
};

/**
 * "1 Overview  2 Topology ..." with the focused pane in brackets (readable without colour) and each pane's worst
 * state as a mark after its name.
 */
export function PaneTabs({ pane, status, width }: { pane: PaneId; status: Record<PaneId, AreaStatus>; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {PANES.map((p, i) => {
          const focused = p === pane;
          const tone = TONE[status[p]];
          const mark = tone ? theme.marks[tone] : '';
          const label = `${i + 1} ${PANE_TITLES[p]}${mark.trim() ? ` ${mark.trim()}` : ''}`;
          return (
            <Text key={p}>
              {i > 0 ? ' ' : ''}
              <Tone tone={tone} bold={focused} inverse={focused}>
                {focused ? `[${label}]` : ` ${label} `}
              </Tone>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
