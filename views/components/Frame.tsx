import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { textWidth, truncate } from '../../src/present/table-layout';
import type { ToneName } from '../theme';
import { toneProps, useTheme } from '../theme-context';

export interface FrameProps {
  readonly title?: string;
  readonly width: number;
  /** Total lines including both borders; content beyond it is clipped, never grown. */
  readonly height: number;
  /** Border tone, e.g. `accent` for the focused pane. */
  readonly tone?: ToneName;
  readonly children?: ReactNode;
}

const CORNERS = {
  single: { left: '┌', line: '─', right: '┐' },
  classic: { left: '+', line: '-', right: '+' },
} as const;

/**
 * A bordered box with its title in the top border. Ink cannot title a border, so the top edge is drawn as
 * text and the box below draws the other three sides. The fixed height with hidden overflow keeps the live
 * frame within the terminal: a frame taller than the screen makes Ink clear the whole terminal every render.
 * Only the height is clipped: every child is laid out at most as wide as the frame (text wraps or is cut to its
 * box), and a horizontal clip made Ink measure and re-slice each line of every frame again, which on lines with
 * box-drawing or "…" cost a quarter of its render time per key press (CPU profile of the TUI bench at 10,000).
 */
export function Frame({ title, width, height, tone, children }: FrameProps) {
  const theme = useTheme();
  const c = CORNERS[theme.border];
  const inner = Math.max(0, width - 2);
  const label = title ? truncate(` ${title} `, Math.max(0, inner - 1), theme.ellipsis) : '';
  const top = c.left + c.line + label + c.line.repeat(Math.max(0, inner - 1 - textWidth(label))) + c.right;
  const border = toneProps(theme, tone);
  if (height <= 0 || width <= 0) return null;
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text {...border}>{top}</Text>
      {height > 1 ? (
        <Box
          borderStyle={theme.border}
          borderTop={false}
          {...(border.color ? { borderColor: border.color } : {})}
          borderDimColor={border.dimColor ?? false}
          width={width}
          height={height - 1}
          overflowY="hidden"
          flexDirection="column"
        >
          {/* No shrinking: Yoga would squash overflowing lines onto each other instead of clipping them. */}
          <Box flexDirection="column" flexShrink={0}>
            {children}
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}
