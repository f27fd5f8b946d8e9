import { Box, Text } from 'ink';
import { truncate } from '../../src/present/table-layout';
import { Tone, useTheme } from '../theme-context';

export interface FilterBarProps {
  readonly text: string;
  /** True while the user is typing: shows the cursor. */
  readonly active: boolean;
  readonly width: number;
  /** Rows matching / rows in total, shown after the text when given. */
  readonly count?: { readonly shown: number; readonly total: number };
}

/**
 * The `/filter` line. The cursor is an inverse space: it shows without colour and in ASCII, unlike a block
 * glyph. When not typing, a kept filter stays visible so nobody wonders why rows are missing.
 */
export function FilterBar({ text, active, width, count }: FilterBarProps) {
  const theme = useTheme();
  if (!active && !text) return null;
  const suffix = count ? `  ${count.shown} of ${count.total}` : '';
  // Keep the end of a long filter in view while typing: that is where the cursor is.
  const room = Math.max(1, width - 2 - suffix.length);
  const shown = [...text].length > room ? theme.ellipsis + [...text].slice(-(room - 1)).join('') : text;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        <Tone tone="accent" bold>
          /
        </Tone>
        {active ? shown : truncate(text, room, theme.ellipsis)}
        {active ? <Text inverse> </Text> : null}
        <Tone tone="muted">{suffix}</Tone>
      </Text>
    </Box>
  );
}
