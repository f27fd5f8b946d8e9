/**
 * Pure layout for the virtualised table: which rows are on screen, how wide each column is, and how a cell is
 * cut or padded to its width. Widths are terminal cells, not string length: a box-drawing or arrow character
 * is one cell, a CJK character or emoji is two, a combining mark is none.
 */
import type { Column, RowSet } from './rows';

/** Lines a table draws besides its data rows: the header and the scroll position line. */
export const TABLE_CHROME_ROWS = 2;

/** Terminal cells taken by one code point (East Asian wide ranges count 2, zero-width marks 0). */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  ) {
    return 0;
  }
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f680 && codePoint <= 0x1f6ff) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Cuts `text` to at most `width` cells, ending in `ellipsis` when something was cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  // Too narrow for the ellipsis itself: a clean cut reads better than a lone "…".
  const limit = room < 1 ? width : room;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > limit) break;
    out += ch;
    used += w;
  }
  return room < 1 ? out : out + ellipsis;
}

/** Exactly `width` cells: truncated, then padded on the side `align` leaves open. */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const cut = truncate(text, width, ellipsis);
  const pad = ' '.repeat(Math.max(0, width - textWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}

/** A flex column is never squeezed below this before fixed columns give way. */
const MIN_FLEX = 8;
/** Columns shrink to this before any column is dropped. */
const MIN_COLUMN = 4;
/** What a `keep` column claims at most by default: a metal-stack machine UUID (36) and a little. */
const KEEP_MAX = 40;

export type LayoutColumn = Pick<Column, 'width'> & Partial<Pick<Column, 'title' | 'keep' | 'max' | 'drop' | 'min'>>;

/**
 * Column widths for `total` cells with `gap` cells between columns. `content` (the widest cell per column, see
 * contentWidths) lets the layout fit the text: a fixed column shrinks to what its cells and title need, a `keep`
 * column is as wide as its widest cell up to its `max`, and spare cells go first to the columns whose text would
 * be cut. Without `content`, fixed columns keep their width and flex columns share what is left.
 *
 * When the columns do not fit: first the columns with a `drop` priority leave, highest first (one that fits in the
 * room the others freed comes back); then the widest column that is not `keep` gives up a cell at a time, so every
 * column stays with its text cut short; only when all are at a few cells do the rightmost columns drop out. A
 * dropped column has width 0 (its gap is freed). A `keep` column is cut only when the terminal is narrower than it.
 */
export function layoutColumns(columns: readonly LayoutColumn[], total: number, gap = 1, content?: readonly number[]): number[] {
  // What each column's text needs, title included; unknown without content.
  // A column whose cells come from a known set (`min`) needs its widest possible cell, so the layout does not move
  // when one row's cell changes.
  const need = columns.map((c, i) => (content ? Math.max(textWidth(c.title ?? ''), content[i] ?? 0, c.min ?? 0) : undefined));
  const widths = columns.map((c, i) => naturalWidth(c, need[i]));
  const live = columns.map(() => true);
  const excess = () => {
    let used = 0;
    let count = 0;
    for (const [i, w] of widths.entries()) {
      if (!live[i]) continue;
      used += w;
      count++;
    }
    return used + gap * Math.max(0, count - 1) - total;
  };

  const dropped: number[] = [];
  for (let over = excess(); over > 0; over = excess()) {
    const victim = pickDrop(columns, live);
    if (victim < 0) break;
    live[victim] = false;
    dropped.push(victim);
  }
  // A dropped column that fits in what the drops freed comes back (the last dropped, most important, first).
  for (const i of dropped.reverse()) {
    live[i] = true;
    if (excess() > 0) live[i] = false;
  }
  let over = excess();
  while (over > 0) {
    // Rightmost of the widest, so ties cost the less identifying column.
    let widest = -1;
    for (const [i, w] of widths.entries()) {
      if (live[i] && !columns[i]?.keep && w > MIN_COLUMN && (widest < 0 || w >= (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    over--;
  }
  for (let i = widths.length - 1; i > 0 && over > 0; i--) {
    if (!live[i] || columns[i]?.keep) continue;
    over -= (widths[i] ?? 0) + gap;
    live[i] = false;
  }
  const first = live.indexOf(true);
  if (over > 0 && first >= 0) widths[first] = Math.max(0, (widths[first] ?? 0) - over);
  if (over < 0) spread(-over, columns, widths, live, need);
  return widths.map((w, i) => (live[i] ? w : 0));
}

function naturalWidth(c: LayoutColumn, need: number | undefined): number {
  if (need === undefined) return c.width === 'flex' ? MIN_FLEX : c.width;
  if (c.keep) return Math.min(c.max ?? KEEP_MAX, need);
  return Math.min(c.width === 'flex' ? MIN_FLEX : c.width, need);
}

/** The live column with the highest drop priority (the rightmost of equals), or -1. */
function pickDrop(columns: readonly LayoutColumn[], live: readonly boolean[]): number {
  let pick = -1;
  for (const [i, c] of columns.entries()) {
    if (live[i] && c.drop !== undefined && (pick < 0 || c.drop >= (columns[pick]?.drop ?? 0))) pick = i;
  }
  return pick;
}

/** Spare cells: a cell at a time to each column whose text is cut, left to right, then in equal shares to flex columns. */
function spread(spare: number, columns: readonly LayoutColumn[], widths: number[], live: readonly boolean[], need: readonly (number | undefined)[]) {
  let left = spare;
  for (let gave = true; left > 0 && gave; ) {
    gave = false;
    for (const [i, w] of widths.entries()) {
      if (left === 0) break;
      if (live[i] && w < (need[i] ?? 0)) {
        widths[i] = w + 1;
        left--;
        gave = true;
      }
    }
  }
  const flex = columns.flatMap((c, i) => (live[i] && c.width === 'flex' ? [i] : []));
  if (!flex.length) return;
  const share = Math.floor(left / flex.length);
  let odd = left - share * flex.length;
  for (const i of flex) {
    const extra = odd > 0 ? 1 : 0;
    odd -= extra;
    widths[i] = (widths[i] ?? 0) + share + extra;
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The widest cell of each column in terminal cells, for layoutColumns. Done once per row set (10,000 rows take a
 * few milliseconds: plain ASCII, by far the common case, is measured by its length).
 */
export function contentWidths(rows: readonly { readonly cells: readonly string[] }[], columnCount: number): number[] {
  const widths = new Array<number>(columnCount).fill(0);
  for (const row of rows) {
    for (let i = 0; i < columnCount; i++) {
      const cell = row.cells[i] ?? '';
      // A cell is never wider than two cells per UTF-16 unit, so most cells need no measuring at all.
      if (cell.length * 2 <= (widths[i] ?? 0)) continue;
      const w = PRINTABLE_ASCII.test(cell) ? cell.length : textWidth(cell);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  return widths;
}

/**
 * The row set with its content widths measured; the same answer for the same set, so a pane whose rows a new
 * snapshot left alone (machineRows hands back its last set) keeps one RowSet and the views skip their work.
 */
export function withContentWidths(set: RowSet): RowSet {
  let measured = measuredSets.get(set);
  if (!measured) {
    measured = { ...set, contentWidths: contentWidths(set.rows, set.columns.length) };
    measuredSets.set(set, measured);
  }
  return measured;
}

const measuredSets = new WeakMap<RowSet, RowSet>();

export interface RowWindow {
  /** First visible row index (inclusive). */
  readonly start: number;
  /** One past the last visible row index. */
  readonly end: number;
}

/**
 * The rows on screen. Scrolls as little as possible from `previousStart`, so the cursor moves inside a still
 * page and the list only moves once the cursor reaches an edge (as in k9s or lazygit).
 */
export function visibleWindow(total: number, selected: number, height: number, previousStart = 0): RowWindow {
  if (total <= 0 || height <= 0) return { start: 0, end: 0 };
  const sel = Math.max(0, Math.min(total - 1, selected));
  let start = Math.max(0, Math.min(previousStart, total - height));
  if (sel < start) start = sel;
  if (sel >= start + height) start = sel - height + 1;
  return { start, end: Math.min(total, start + height) };
}

/** "121-140 of 10000", 1-based as people count rows; nothing for an empty list (its body already says why). */
export function scrollIndicator(window: RowWindow, total: number): string {
  if (total === 0) return '';
  return `${window.start + 1}-${window.end} of ${total}`;
}

/**
 * Problem rows (critical or warning) outside the window: a new problem sorted above the visible part, or one the
 * cursor scrolled past, must not be invisible. Counted once per row set (problemCounts), not per key: at 10,000
 * rows the loop cost about a millisecond on every press on a loaded 2-core machine (CPU profile of the TUI bench).
 */
export function problemsOutside(rows: readonly { readonly tone?: string }[], window: RowWindow): { above: number; below: number } {
  const before = problemCounts(rows);
  const total = before[rows.length] ?? 0;
  const start = Math.max(0, Math.min(rows.length, window.start));
  const end = Math.max(start, Math.min(rows.length, window.end));
  return { above: before[start] ?? 0, below: total - (before[end] ?? 0) };
}

/** Per row set, how many problems come before each index; built once per row set, so a key press reads two numbers. */
const problemPrefix = new WeakMap<readonly object[], Uint32Array>();

function problemCounts(rows: readonly { readonly tone?: string }[]): Uint32Array {
  let before = problemPrefix.get(rows);
  if (before) return before;
  before = new Uint32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    const tone = rows[i]?.tone;
    before[i + 1] = (before[i] ?? 0) + (tone === 'critical' || tone === 'warning' ? 1 : 0);
  }
  problemPrefix.set(rows, before);
  return before;
}

/** "▲ 2 problems above  ▼ 1 below", or '' when none are out of sight. */
export function problemsText(p: { above: number; below: number }, ascii: boolean): string {
  const parts = [
    ...(p.above ? [`${ascii ? '^' : '▲'} ${p.above} problem${p.above === 1 ? '' : 's'} above`] : []),
    ...(p.below ? [`${ascii ? 'v' : '▼'} ${p.below}${p.above ? '' : ` problem${p.below === 1 ? '' : 's'}`} below`] : []),
  ];
  return parts.join('  ');
}
