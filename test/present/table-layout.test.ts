import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/present/rows';
import { contentWidths, fitCell, layoutColumns, problemsOutside, problemsText, scrollIndicator, textWidth, truncate, visibleWindow } from '../../src/present/table-layout';

describe('table layout', () => {
  it('counts box-drawing and arrows as one cell, CJK and emoji as two, combining marks as none', () => {
    expect(textWidth('┌─┐↑↓')).toBe(5);
    expect(textWidth('機械')).toBe(4);
    expect(textWidth('🚀')).toBe(2);
    expect(textWidth('é')).toBe(1);
  });

  it('cuts long text with an ellipsis that fits the width, and leaves short text alone', () => {
    expect(truncate('machine-0042', 8)).toBe('machine…');
    expect(truncate('machine-0042', 8, '~')).toBe('machine~');
    expect(truncate('short', 8)).toBe('short');
    expect(truncate('abc', 0)).toBe('');
    expect(textWidth(truncate('機械機械機械', 5))).toBeLessThanOrEqual(5);
  });

  it('pads cells to exactly their width, on the right or the left', () => {
    expect(fitCell('ok', 5)).toBe('ok   ');
    expect(fitCell('42', 5, 'right')).toBe('   42');
    expect(fitCell('──→──→', 4)).toBe('──→…');
  });

  it('gives flex columns what fixed columns and gaps leave', () => {
    expect(layoutColumns([{ width: 10 }, { width: 'flex' }, { width: 5 }], 40)).toEqual([10, 23, 5]);
    expect(layoutColumns([{ width: 'flex' }, { width: 'flex' }], 20)).toEqual([10, 9]);
  });

  it('when too narrow, shrinks the widest columns first so every column stays', () => {
    expect(layoutColumns([{ width: 10 }, { width: 20 }, { width: 10 }], 35)).toEqual([10, 13, 10]);
    // Machines at 80 columns: 8 columns, fixed widths alone are wider than the screen.
    const machines = [12, 18, 8, 'flex', 7, 18, 5, 12].map((width) => ({ width: width as number | 'flex' }));
    const widths = layoutColumns(machines, 77);
    expect(widths.every((w) => w >= 4)).toBe(true);
    expect(widths.reduce((a, b) => a + b, 0) + 7).toBe(77);
  });

  it('drops the rightmost columns only when all are already a few cells wide', () => {
    const widths = layoutColumns([{ width: 10 }, { width: 10 }, { width: 10 }], 12);
    expect(widths).toEqual([4, 4, 0]);
    expect(layoutColumns([{ width: 10 }], 3)).toEqual([3]);
  });

  it('keeps the selected row in the window and scrolls no more than needed', () => {
    expect(visibleWindow(10_000, 0, 20)).toEqual({ start: 0, end: 20 });
    expect(visibleWindow(10_000, 19, 20, 0)).toEqual({ start: 0, end: 20 });
    expect(visibleWindow(10_000, 20, 20, 0)).toEqual({ start: 1, end: 21 });
    expect(visibleWindow(10_000, 9_999, 20, 1)).toEqual({ start: 9_980, end: 10_000 });
    // Moving up inside the page does not scroll.
    expect(visibleWindow(10_000, 9_985, 20, 9_980)).toEqual({ start: 9_980, end: 10_000 });
    expect(visibleWindow(5, 3, 20, 0)).toEqual({ start: 0, end: 5 });
    expect(visibleWindow(0, 0, 20)).toEqual({ start: 0, end: 0 });
  });

  it('shows the position as 1-based row numbers', () => {
    expect(scrollIndicator({ start: 120, end: 140 }, 10_000)).toBe('121-140 of 10000');
    expect(scrollIndicator({ start: 0, end: 0 }, 0)).toBe('');
  });
});

describe('table layout fitted to the content', () => {
  const columns: Column[] = [
    { title: 'NAME', width: 12, keep: true },
    { title: 'HOST', width: 20, drop: 2 },
    { title: 'PROJECT', width: 36, drop: 9 },
    { title: 'RACK', width: 8, drop: 5 },
    { title: 'EVENT', width: 18, drop: 1 },
    { title: 'MARKS', width: 24 },
  ];
  const cells = (name: string) => [name, 'shoot--p1--c1-worker-abcde', 'f3d1c2b0-1111-4222-8333-944455556666', 'rack01', 'Phoned Home', 'Dead'];

  it('measures the widest cell of each column in terminal cells', () => {
    expect(contentWidths([{ cells: ['ab', '機械'] }, { cells: ['abcd'] }], 3)).toEqual([4, 4, 0]);
  });

  it('gives the identifying column its whole text and drops the highest drop priority first', () => {
    const name = 'a-machine-with-a-very-long-name-01';
    const content = contentWidths([{ cells: cells(name) }], columns.length);
    for (const total of [77, 57]) {
      const widths = layoutColumns(columns, total, 1, content);
      expect(widths[0]).toBe(name.length);
      expect(widths.reduce((a, b) => a + b, 0) + widths.filter((w) => w > 0).length - 1).toBeLessThanOrEqual(total);
      // PROJECT (priority 9) goes before RACK (5), HOST (2) and EVENT (1); MARKS has none and stays.
      expect(widths[2]).toBe(0);
      expect(widths[5]).toBeGreaterThan(0);
    }
    expect(layoutColumns(columns, 120, 1, content).every((w) => w > 0)).toBe(true);
    expect(layoutColumns(columns, 77, 1, content).map((w) => w > 0)).toEqual([true, true, false, false, true, true]);
    expect(layoutColumns(columns, 57, 1, content).map((w) => w > 0)).toEqual([true, false, false, false, true, true]);
  });

  it('brings back a dropped column that fits in the room the drops freed', () => {
    const cols: Column[] = [
      { title: 'NAME', width: 10, keep: true },
      { title: 'WIDE', width: 20, drop: 1 },
      { title: 'AGE', width: 4, drop: 2 },
    ];
    expect(layoutColumns(cols, 20, 1, [10, 20, 3])).toEqual([10, 0, 3]);
  });

  it('shrinks columns to their text and gives the spare cells to the text that would be cut', () => {
    const content = contentWidths([{ cells: cells('m1') }], columns.length);
    const widths = layoutColumns(columns, 140, 1, content);
    // RACK and MARKS need no more than their titles; HOST's 26 cells of text get room beyond its 20.
    expect(widths).toEqual([4, 26, 36, 6, 11, 5]);
  });

  it('still cuts the identifying column when the terminal is narrower than it', () => {
    expect(layoutColumns([{ width: 30, keep: true }, { width: 10 }], 20)).toEqual([20, 0]);
  });
});

describe('problems out of sight', () => {
  const rows = [{ tone: 'critical' }, { tone: 'warning' }, {}, { tone: 'info' }, { tone: 'critical' }, {}, { tone: 'warning' }];
  it('counts critical and warning rows above and below the window, nothing else', () => {
    expect(problemsOutside(rows, { start: 2, end: 5 })).toEqual({ above: 2, below: 1 });
    expect(problemsOutside(rows, { start: 0, end: 7 })).toEqual({ above: 0, below: 0 });
  });
  it('says it in words, with an ASCII form', () => {
    expect(problemsText({ above: 2, below: 1 }, false)).toBe('▲ 2 problems above  ▼ 1 below');
    expect(problemsText({ above: 1, below: 0 }, true)).toBe('^ 1 problem above');
    expect(problemsText({ above: 0, below: 3 }, false)).toBe('▼ 3 problems below');
    expect(problemsText({ above: 0, below: 0 }, false)).toBe('');
  });
});
