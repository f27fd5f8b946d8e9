import { Box, Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import type { Column, Tone as RowTone } from '../../src/present/rows';
import type { Theme } from '../theme';
import { fitCell, layoutColumns, problemsOutside, problemsText, scrollIndicator, visibleWindow } from '../../src/present/table-layout';
import { toneProps, useTheme } from '../theme-context';
import { Spacer } from './Spacer';

export interface TableRow {
  readonly id: string;
  readonly cells: readonly string[];
  readonly tone?: RowTone;
}

export interface TableProps {
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  /** Index into `rows` of the cursor row. */
  readonly selected: number;
  /** Data rows on screen; the table draws `height + TABLE_CHROME_ROWS` lines (header and position line). */
  readonly height: number;
  /** Cells across, including the 3-cell marker column. */
  readonly width: number;
  /** @default "no rows" */
  readonly emptyText?: string;
  /** Widest cell per column over the whole (unfiltered) row set, so the columns fit the text (see layoutColumns). */
  readonly contentWidths?: readonly number[];
}

// Selection mark and tone mark, then a gap: "> " / ">X" / " !".
const MARKER_WIDTH = 3;

/**
 * A virtualised table: only the visible window of rows becomes Ink nodes, one Text per line, so 10,000 rows
 * cost the same as 20. The scroll start is derived from the selection; the ref only remembers the last start
 * so the list does not jump while the cursor moves inside the page.
 */
export const Table = memo(function Table({ columns, rows, selected, height, width, emptyText, contentWidths }: TableProps) {
  const theme = useTheme();
  const lastStart = useRef(0);
  const view = visibleWindow(rows.length, selected, height, lastStart.current);
  lastStart.current = view.start;
  const cursor = Math.max(0, Math.min(rows.length - 1, selected));

  // Per row set and size, not per key: a moved cursor keeps the same widths array, so unchanged rows skip rendering.
  const widths = useMemo(() => layoutColumns(columns, Math.max(0, width - MARKER_WIDTH), 1, contentWidths), [columns, width, contentWidths]);

  const visible = rows.slice(view.start, view.end);
  const blanks = Math.max(0, height - visible.length);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {' '.repeat(MARKER_WIDTH)}
        {rowText(columns, widths, columns.map((c) => c.title), theme)}
      </Text>
      {visible.map((row, i) => (
        <TableLine key={row.id} row={row} selected={view.start + i === cursor} columns={columns} widths={widths} theme={theme} />
      ))}
      {rows.length === 0 && height > 0 ? <Text {...toneProps(theme, 'muted')}>{`   ${emptyText ?? 'no rows'}`}</Text> : null}
      {/* The rest of the height in one empty node, not a Text per blank line: a nearly empty table (every table
          before the first data) cost Ink and React dozens of nodes per frame. */}
      <Spacer lines={rows.length === 0 ? blanks - 1 : blanks} />
      <Box width={width} justifyContent="space-between">
        <Text {...toneProps(theme, 'warning')}>{problemsText(problemsOutside(rows, view), theme.ascii)}</Text>
        <Text {...toneProps(theme, 'muted')}>{scrollIndicator(view, rows.length) || ' '}</Text>
      </Box>
    </Box>
  );
});

/** A row's cells fitted to the column widths; a zero width means the column did not fit and is left out with its gap. */
function rowText(columns: readonly Column[], widths: readonly number[], cells: readonly string[], theme: Theme): string {
  return columns
    .flatMap((c, i) => ((widths[i] ?? 0) > 0 ? [fitCell(cells[i] ?? '', widths[i] ?? 0, c.align, theme.ellipsis)] : []))
    .join(' ');
}

interface TableLineProps {
  readonly row: TableRow;
  readonly selected: boolean;
  readonly columns: readonly Column[];
  readonly widths: readonly number[];
  readonly theme: Theme;
}

/**
 * One data line. Memoised on the row object (rows are built once per snapshot) and its selection, so a key that
 * moves the cursor inside the page formats and renders two lines, not the whole page.
 */
const TableLine = memo(function TableLine({ row, selected, columns, widths, theme }: TableLineProps) {
  const mark = (selected ? '>' : ' ') + (row.tone ? theme.marks[row.tone] : ' ');
  return (
    <Text inverse={selected} wrap="truncate" {...toneProps(theme, row.tone)}>
      {mark} {rowText(columns, widths, row.cells, theme)}
    </Text>
  );
});
