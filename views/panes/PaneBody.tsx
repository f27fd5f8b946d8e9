import { Box } from 'ink';
import type { PaneDetail } from '../../src/present/pane-content';
import type { RowSet } from '../../src/present/rows';
import { TABLE_CHROME_ROWS } from '../../src/present/table-layout';
import { DetailView } from '../components/DetailView';
import { FilterBar } from '../components/FilterBar';
import { Table } from '../components/Table';

export interface PaneBodyProps {
  readonly rows: RowSet;
  /** Rows before the filter, for "12 of 1700". */
  readonly total: number;
  readonly selected: number;
  readonly filter: string;
  readonly filtering: boolean;
  readonly detail?: PaneDetail;
  readonly detailOffset: number;
  readonly width: number;
  readonly height: number;
  /** Shown when the list is empty and no filter is set. */
  readonly emptyText?: string;
}

/** A pane's list (with its filter line), or the detail of the selected row. Never taller than `height`. */
export function PaneBody({ rows, total, selected, filter, filtering, detail, detailOffset, width, height, emptyText }: PaneBodyProps) {
  if (detail?.kind === 'lines') return <DetailView lines={detail.lines} offset={detailOffset} height={height} width={width} />;
  if (detail?.kind === 'table') {
    const intro = detail.intro.length;
    return (
      <Box flexDirection="column" height={height}>
        <DetailView lines={detail.intro} offset={0} height={intro + 1} width={width} />
        <Table
          columns={detail.table.columns}
          rows={detail.table.rows}
          contentWidths={detail.table.contentWidths}
          selected={detailOffset}
          height={Math.max(1, height - intro - 1 - TABLE_CHROME_ROWS)}
          width={width}
        />
      </Box>
    );
  }
  const filterLines = filtering || filter ? 1 : 0;
  return (
    <Box flexDirection="column" height={height}>
      <Table
        columns={rows.columns}
        rows={rows.rows}
        contentWidths={rows.contentWidths}
        selected={selected}
        height={Math.max(1, height - TABLE_CHROME_ROWS - filterLines)}
        width={width}
        emptyText={filter ? `nothing matches "${filter}"` : (emptyText ?? 'nothing to show')}
      />
      {filterLines ? <FilterBar text={filter} active={filtering} width={width} count={{ shown: rows.rows.length, total }} /> : null}
    </Box>
  );
}
