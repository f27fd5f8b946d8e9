import { Box, Text } from 'ink';
import { Tone, useTheme } from '../theme-context';

/** The smallest terminal the full-screen layout is designed for. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function isTooSmall(size: { columns: number; rows: number }, min = { columns: MIN_COLUMNS, rows: MIN_ROWS }): boolean {
  return size.columns < min.columns || size.rows < min.rows;
}

export interface TooSmallProps {
  readonly columns: number;
  readonly rows: number;
  /** @default 80 */
  readonly minColumns?: number;
  /** @default 24 */
  readonly minRows?: number;
}

/**
 * Shown instead of the panes when the terminal is too small: a squeezed layout would wrap and push the frame
 * past the screen, which makes Ink clear and flicker. Short lines, so it fits even a tiny window.
 */
export function TooSmall({ columns, rows, minColumns = MIN_COLUMNS, minRows = MIN_ROWS }: TooSmallProps) {
  const { times } = useTheme();
  return (
    <Box flexDirection="column">
      <Tone tone="warning" symbol>
        terminal too small (need {minColumns}
        {times}
        {minRows})
      </Tone>
      <Text>
        now {columns}
        {times}
        {rows}, please enlarge the window
      </Text>
    </Box>
  );
}
