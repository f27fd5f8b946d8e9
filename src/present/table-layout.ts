/**
 * Pure layout for the virtualised table: which rows are on screen, how wide each column is, and how a cell is
 * cut or padded to its width. Widths are terminal cells, not string length: a box-drawing or arrow character
 * is one cell, a CJK character or emoji is two, a combining mark is none.
 */
import type { Column } from './rows';

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

/**
 * Column widths for `total` cells with `gap` cells between columns. Fixed columns keep their width, flex
 * columns share what is left (earlier ones get the odd cell). When that does not fit, the widest column gives
 * up a cell at a time, so every column stays with its text cut short; only when all are at a few cells do the
 * rightmost columns drop out (width 0, their gap freed), keeping the identifying first columns.
 */
export function layoutColumns(columns: readonly Pick<Column, 'width'>[], total: number, gap = 1): number[] {
  const gaps = gap * Math.max(0, columns.length - 1);
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'flex' ? 0 : c.width), 0);
  const flexCount = columns.filter((c) => c.width === 'flex').length;
  const spare = Math.max(0, total - gaps - fixed);
  const share = flexCount ? Math.floor(spare / flexCount) : 0;
  let odd = flexCount ? spare - share * flexCount : 0;
  const widths = columns.map((c) => {
    if (c.width !== 'flex') return c.width;
    const extra = odd > 0 ? 1 : 0;
    odd -= extra;
    return Math.max(MIN_FLEX, share + extra);
  });
  let over = widths.reduce((a, b) => a + b, 0) + gaps - total;
  while (over > 0) {
    // Rightmost of the widest, so ties cost the less identifying column.
    const widest = widths.reduce((best, w, i) => (w >= (widths[best] ?? 0) ? i : best), 0);
    if ((widths[widest] ?? 0) <= MIN_COLUMN) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    over--;
  }
  for (let i = widths.length - 1; i > 0 && over > 0; i--) {
    over -= (widths[i] ?? 0) + gap;
    widths[i] = 0;
  }
  if (over > 0 && widths.length > 0) widths[0] = Math.max(0, (widths[0] ?? 0) - over);
  return widths;
}

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

/** "121-140 of 10000", 1-based as people count rows. */
export function scrollIndicator(window: RowWindow, total: number): string {
  if (total === 0) return 'no rows';
  return `${window.start + 1}-${window.end} of ${total}`;
}
