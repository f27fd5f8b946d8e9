import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/present/rows';
import { Table, type TableRow } from '../../views/components/Table';
import { plain, renderThemed } from './helpers';

const columns: Column[] = [
  { title: 'NAME', width: 14 },
  { title: 'STATE', width: 'flex' },
  { title: 'AGE', width: 5, align: 'right' },
];
const rows: TableRow[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: `m${i}`,
  cells: [`machine-${String(i).padStart(5, '0')}`, i % 7 === 0 ? 'Dead' : 'Alive', `${i % 60}m`],
  tone: i % 7 === 0 ? 'critical' : undefined,
}));

const machineLines = (frame: string) => frame.split('\n').filter((l) => l.includes('machine-'));

describe('Table', () => {
  it('shows a header, only `height` of 10,000 machines and where the window is', () => {
    const { lastFrame } = renderThemed(<Table columns={columns} rows={rows} selected={0} height={20} width={80} />);
    const frame = plain(lastFrame());
    expect(frame.split('\n')[0]).toMatch(/^\s+NAME\s+STATE\s+AGE$/);
    expect(machineLines(frame)).toHaveLength(20);
    expect(frame).toContain('1-20 of 10000');
    expect(frame.split('\n')).toHaveLength(22);
    expect(frame.split('\n').every((l) => l.length <= 80)).toBe(true);
  });

  it('marks the selected row with ">" and keeps it visible when moving to the last machine', () => {
    const r = renderThemed(<Table columns={columns} rows={rows} selected={0} height={20} width={80} />);
    expect(plain(r.lastFrame()).split('\n')[1]).toMatch(/^>X machine-00000/);
    r.rerender(<Table columns={columns} rows={rows} selected={9_999} height={20} width={80} />);
    const frame = plain(r.lastFrame());
    expect(machineLines(frame)).toHaveLength(20);
    expect(frame).toMatch(/^> {2}machine-09999/m);
    expect(frame).toContain('9981-10000 of 10000');
    expect(frame).not.toContain('machine-00000');
  });

  it('moving the cursor up inside the page does not scroll the list', () => {
    const r = renderThemed(<Table columns={columns} rows={rows} selected={9_999} height={20} width={80} />);
    r.rerender(<Table columns={columns} rows={rows} selected={9_990} height={20} width={80} />);
    expect(plain(r.lastFrame())).toContain('9981-10000 of 10000');
  });

  it('cuts long cells with "…", or "~" in ASCII mode, and keeps every line within the width', () => {
    const long: TableRow[] = [{ id: 'a', cells: ['a-very-long-machine-name-indeed', 'Alive', '1m'] }];
    const unicode = plain(renderThemed(<Table columns={columns} rows={long} selected={0} height={3} width={40} />).lastFrame());
    expect(unicode).toContain('a-very-long-m…');
    const ascii = plain(
      renderThemed(<Table columns={columns} rows={long} selected={0} height={3} width={40} />, { ascii: true }).lastFrame(),
    );
    expect(ascii).toContain('a-very-long-m~');
    expect(ascii.split('\n').every((l) => l.length <= 40)).toBe(true);
  });

  it('says "no rows" for an empty list and keeps its height', () => {
    const frame = plain(renderThemed(<Table columns={columns} rows={[]} selected={0} height={5} width={60} />).lastFrame());
    expect(frame).toContain('no rows');
    expect(frame.split('\n')).toHaveLength(7);
    // Said once, in the body: the position line stays blank (UX finding 32: "no findings" beside "no rows").
    expect(frame.match(/no rows/g)).toHaveLength(1);
    const withText = plain(renderThemed(<Table columns={columns} rows={[]} selected={0} height={5} width={60} emptyText="no findings: every check passed" />).lastFrame());
    expect(withText).not.toMatch(/no rows/);
    expect(withText.split('\n')).toHaveLength(7);
  });
});
