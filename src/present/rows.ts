/** How a row or cell should read: views map tones to colours and to text symbols (so it reads without colour). */
export type Tone = 'ok' | 'warning' | 'critical' | 'info' | 'muted';

export interface Column {
  readonly title: string;
  /** Fixed width in cells, or 'flex' to share what is left. */
  readonly width: number | 'flex';
  readonly align?: 'left' | 'right';
  /**
   * The identifying column: never cut while the terminal is wider than it, sized to its widest cell (up to `max`)
   * where the cells' widths are known; other columns shrink or drop first.
   */
  readonly keep?: boolean;
  /** The most a `keep` column claims before the others get room; beyond it, it competes for spare cells. @default 40 */
  readonly max?: number;
  /** Drop priority on a narrow terminal: higher drops first, before anything is cut; without one it only shrinks. */
  readonly drop?: number;
  /**
   * Cells from a known set (event names, power states, ages): the widest of the set. The layout fits the content as
   * if such a cell were there, so one row's change does not shift every other column (the whole table would be
   * written again: a rebooting machine cost 6 KB a frame instead of its own line).
   */
  readonly min?: number;
}

export interface Row {
  /** Stable id of the subject (machine id, session key, ...), for selection and jumps. */
  readonly id: string;
  readonly cells: readonly string[];
  readonly tone?: Tone;
  /** Lower-cased text the `/` filter matches against (read once per row set, for its search index). */
  readonly search: string;
}

export interface RowSet {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** Widest cell per column (terminal cells), measured once per row set so the layout can fit the content. */
  readonly contentWidths?: readonly number[];
}

/**
 * A row; `extraSearch` is text the filter matches besides the cells (ids, issue ids), so a row is still found by
 * what a dropped or absent column would have shown.
 */
export function makeRow(id: string, cells: readonly string[], tone?: Tone, extraSearch?: readonly string[]): Row {
  return { id, cells, tone, search: searchText(cells, extraSearch) };
}

/**
 * A row that keeps its subject (a session, a node) and makes its cells and search text when they are read: the
 * lines on screen, and a filter's search index. The panes of a big rack have tens of thousands of rows (30,000 BGP
 * sessions, 23,000 topology rows at 10,000 machines): kept as strings they took 11-13 MB each, ~50 bytes a row this way.
 */
export class DeferredRow<S> implements Row {
  constructor(
    readonly id: string,
    readonly tone: Tone | undefined,
    readonly subject: S,
    /** How the cells are made from the subject: one function per row set, not a closure per row. */
    private readonly cellsOf: (subject: S) => readonly string[],
  ) {}

  get cells(): readonly string[] {
    return this.cellsOf(this.subject);
  }

  get search(): string {
    return searchText(this.cells);
  }
}

/** What the `/` filter matches for a row: its cells and `extra`, lower-cased. */
export function searchText(cells: readonly string[], extra?: readonly string[]): string {
  return (extra?.length ? [...cells, ...extra] : cells).join(' ').toLowerCase();
}

/**
 * Case-insensitive substring filter over the row set's lower-case search index, built on the first filter of a row
 * set (a pane's rows may make their text when read, see machine-rows.ts: those of 10,000 machines are not kept for a
 * filter nobody typed); returns the same array when the filter is empty. Typing narrows: a row that contains
 * "machine01" contains "machine0", so each key searches only what the text before it matched (remembered per row
 * set), not all 10,000 rows again.
 */
export function filterRows(rows: readonly Row[], filter: string): readonly Row[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return rows;
  let seen = filtered.get(rows);
  if (!seen) {
    seen = { index: rows.map((r) => r.search), results: new Map() };
    filtered.set(rows, seen);
  }
  const hit = seen.results.get(needle);
  if (hit) return hit.rows;
  let from: readonly number[] | undefined;
  for (const [text, result] of seen.results) if (needle.includes(text) && result.at.length < (from ?? rows).length) from = result.at;
  const { index } = seen;
  const matches = (i: number) => index[i]?.includes(needle) === true;
  const at = from ? from.filter(matches) : [];
  if (!from) for (let i = 0; i < index.length; i++) if (matches(i)) at.push(i);
  const result = { at, rows: at.map((i) => rows[i] as Row) };
  if (seen.results.size >= REMEMBERED_FILTERS) seen.results.delete(seen.results.keys().next().value ?? '');
  seen.results.set(needle, result);
  return result.rows;
}

/**
 * Per row set: its search index, and the results of recent filter texts (positions in the set, and the rows). A new
 * snapshot's row set starts afresh (and the old one is collected with its index).
 */
const filtered = new WeakMap<readonly Row[], { index: readonly string[]; results: Map<string, { at: readonly number[]; rows: readonly Row[] }> }>();
const REMEMBERED_FILTERS = 32;

/** Code-point order: as good as localeCompare for ids and host names, and many times faster on 10,000 rows. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
