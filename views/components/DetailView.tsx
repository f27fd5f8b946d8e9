import { Box } from 'ink';
import type { DetailLine } from '../../src/present/detail-lines';
import { truncate } from '../../src/present/table-layout';
import type { Theme } from '../theme';
import { Tone, useTheme } from '../theme-context';
import { Spacer } from './Spacer';

/** Whether a line carries its tone's symbol ("[X] "): toned lines do, except muted ones, continuations and noSymbol. */
const hasSymbol = (l: DetailLine) => Boolean(l.tone && l.tone !== 'muted' && !l.continued && !l.noSymbol);

/** Cells the view puts before a line's text (its tone's symbol and a space), for wrapping lines to the width. */
export function symbolCells(theme: Theme, l: DetailLine): number {
  const symbol = hasSymbol(l) && l.tone ? theme.symbols[l.tone] : '';
  return symbol ? symbol.length + 1 : 0;
}

/**
 * A scrollable list of detail lines; only the visible window is rendered. Lines arrive wrapped to the width
 * (src/present/detail-wrap.ts, done before the keys count them); a line that is still too wide is cut.
 */
export function DetailView({ lines, offset, height, width }: { lines: readonly DetailLine[]; offset: number; height: number; width: number }) {
  const theme = useTheme();
  const body = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(offset, Math.max(0, lines.length - body)));
  // Lines are positional (a window of a text), so their line number is their identity.
  const visible = lines.slice(start, start + body).map((l, i) => ({ ...l, n: start + i }));
  const position = lines.length > body ? `${start + 1}-${start + visible.length} of ${lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {visible.map((l) => (
        <Tone key={l.n} tone={l.tone} bold={l.heading} symbol={hasSymbol(l)} wrap="truncate">
          {truncate(l.text, width - symbolCells(theme, l), theme.ellipsis) || ' '}
        </Tone>
      ))}
      <Spacer lines={body - visible.length} />
      <Tone tone="muted">{position || ' '}</Tone>
    </Box>
  );
}

export function maxDetailOffset(lineCount: number, height: number): number {
  return Math.max(0, lineCount - Math.max(1, height - 1));
}
