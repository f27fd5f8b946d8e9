import { memo } from 'react';
import { Box, Text } from 'ink';
import type { AreaStatus } from '../../src/present/area-summary';
import { paneTabs } from '../../src/present/pane-tabs';
import { PANES, type PaneId } from '../../src/present/ui-state';
import { Tone, useTheme } from '../theme-context';

const TONE: Record<AreaStatus, 'critical' | 'warning' | 'info' | undefined> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
  ok: undefined,
  'no-data': undefined,
};

/**
 * "1 Overview  2 Topology ..." with the focused pane in brackets (readable without colour) and each pane's worst
 * state as a mark after its name; shorter names where the full ones do not fit (src/present/pane-tabs.ts).
 */
function PaneTabsLine({ pane, status, width }: { pane: PaneId; status: Record<PaneId, AreaStatus>; width: number }) {
  const theme = useTheme();
  const marks = Object.fromEntries(
    PANES.map((p) => {
      const tone = TONE[status[p]];
      return [p, tone ? theme.marks[tone].trim() : ''];
    }),
  ) as Record<PaneId, string>;
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {paneTabs(pane, marks, width).map((tab, i) => (
          <Text key={tab.pane}>
            {i > 0 ? ' ' : ''}
            <Tone tone={TONE[status[tab.pane]]} bold={tab.pane === pane} inverse={tab.pane === pane}>
              {tab.text}
            </Tone>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** Memoised: a key that moves the selection leaves this line's props alone, so it is not rendered again. */
export const PaneTabs = memo(PaneTabsLine);
