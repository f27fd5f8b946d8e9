import { Box, Text } from 'ink';
import { helpSections, type KeyBinding, keysText } from '../../src/present/key-bindings';
import { fitCell, textWidth } from '../../src/present/table-layout';
import { Tone, useTheme } from '../theme-context';
import { Frame } from './Frame';

export interface HelpOverlayProps {
  readonly readOnly: boolean;
  readonly simulated: boolean;
  /** Space the overlay may take; it packs sections into columns to stay within it. */
  readonly width: number;
  readonly height: number;
}

type Section = ReturnType<typeof helpSections>[number];

/** Greedy column packing: a section never splits, so its title stays with its keys. */
function packColumns(sections: readonly Section[], lines: number): Section[][] {
  const columns: Section[][] = [];
  let used = Number.POSITIVE_INFINITY;
  for (const s of sections) {
    const need = 1 + s.bindings.length;
    const withGap = used === 0 ? need : need + 1;
    if (used + withGap > lines) {
      columns.push([s]);
      used = need;
    } else {
      columns.at(-1)?.push(s);
      used += withGap;
    }
  }
  return columns;
}

/** Every key the user can press right now, generated from the binding records, grouped by where it works. */
export function HelpOverlay({ readOnly, simulated, width, height }: HelpOverlayProps) {
  const theme = useTheme();
  const sections = helpSections({ readOnly, simulated });
  const all = sections.flatMap((s) => s.bindings);
  const keyWidth = Math.max(...all.map((b) => textWidth(keysText(b, theme.ascii))));
  const columns = packColumns(sections, Math.max(1, height - 2));
  // Borders take 2 cells, the padding inside them 2 more.
  const columnWidth = Math.max(1, Math.floor((width - 4) / Math.max(1, columns.length)));
  const tallest = Math.max(...columns.map((col) => col.reduce((n, s) => n + 1 + s.bindings.length, col.length - 1)));
  const entry = (b: KeyBinding) => (
    <Text key={`${b.scope}-${b.id}`} wrap="truncate">
      <Tone tone="accent">{fitCell(keysText(b, theme.ascii), keyWidth)}</Tone>{' '}
      <Tone tone={b.dangerous ? 'warning' : undefined}>
        {fitCell(b.description, Math.max(0, columnWidth - keyWidth - 2), 'left', theme.ellipsis)}
      </Tone>
    </Text>
  );
  return (
    <Frame title="Help: Esc or ? closes" width={width} height={Math.min(height, tallest + 2)} tone="accent">
      <Box flexDirection="row" paddingX={1}>
        {columns.map((col) => (
          <Box key={col[0]?.scope} flexDirection="column" width={columnWidth}>
            {col.map((s, i) => (
              <Box key={s.scope} flexDirection="column" marginTop={i > 0 ? 1 : 0}>
                <Text bold>{s.title}</Text>
                {s.bindings.map(entry)}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Frame>
  );
}
