import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/model/machine';
import { MINUTE } from '../../src/model/time';
import { machineRows } from '../../src/present/machine-rows';
import { withContentWidths } from '../../src/present/table-layout';
import { Table } from '../../views/components/Table';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';
import { plain, renderThemed } from './helpers';

const machines: Machine[] = healthySnapshot().machines.map((m, i) => ({
  ...m,
  name: `rack-b-very-long-machine-name-000${i + 1}`,
  ...(i === 0 ? { liveliness: 'Dead' as const, lock: 'RESERVED' as const, lastEventTime: T0 - 9 * MINUTE } : {}),
}));
const set = withContentWidths(machineRows(machines, T0));

/** The machines table as a terminal of `columns` shows it inside the pane's frame (2 cells of border). */
function table(columns: number): string[] {
  const frame = renderThemed(
    <Table columns={set.columns} rows={set.rows} contentWidths={set.contentWidths} selected={0} height={6} width={columns - 2} />,
    { color: false },
  ).lastFrame();
  return plain(frame).split('\n');
}

describe('the machines table on a narrow terminal', () => {
  for (const columns of [80, 60]) {
    it(`at ${columns} columns never cuts a long machine name; lower-priority columns leave first`, () => {
      const [header = '', ...lines] = table(columns);
      for (const m of machines) expect(lines.some((l) => l.includes(m.name))).toBe(true);
      expect(lines.join('\n')).not.toContain('…');
      expect(header).toMatch(/NAME\s+.*MARKS/);
      for (const dropped of ['PROJECT', 'SIZE', 'PARTITION']) expect(header).not.toContain(dropped);
      expect(lines[0]).toMatch(/^>X rack-b-very-long-machine-name-0001 .*Dead Reserved/);
      expect([header, ...lines].every((l) => l.length <= columns - 2)).toBe(true);
    });
  }

  it('at 80 columns still shows when the last event was; at 60 only what identifies a machine and its marks', () => {
    expect(table(80)[0]).toMatch(/NAME\s+LAST EVENT\s+WHEN\s+MARKS/);
    expect(table(80)[1]).toMatch(/Phoned Home\s+9m\s+Dead Reserved/);
    expect(table(60)[0]).toMatch(/^\s+NAME\s+WHEN\s+MARKS\s*$/);
  });

  it('shows more columns on a wide terminal', () => {
    expect(table(200)[0]).toMatch(/NAME\s+HOSTNAME\s+PROJECT\s+SIZE\s+PARTITION\s+RACK\s+LAST EVENT\s+WHEN\s+AGE\s+POWER\s+MARKS/);
  });
});

describe('the machines table while one machine goes through its events', () => {
  it('rewrites only that machine\'s line: the columns stay where they were (no full-table redraw at 160 or 80 columns)', () => {
    const base = healthySnapshot().machines;
    for (const columns of [160, 80]) {
      const screens = ['Phoned Home', 'Planned Reboot', 'PXE Booting', 'Booting New Kernel', 'Phoned Home'].map((event) => {
        const ms = base.map((m, i) => (i === 1 ? { ...m, events: [{ time: T0, event: event as Machine['events'][number]['event'], message: '' }, ...m.events] } : m));
        const s = withContentWidths(machineRows(ms, T0));
        const frame = renderThemed(<Table columns={s.columns} rows={s.rows} contentWidths={s.contentWidths} selected={0} height={6} width={columns - 2} />, {
          color: false,
        }).lastFrame();
        return plain(frame).split('\n');
      });
      const first = screens[0] ?? [];
      for (const screen of screens) {
        // Same header, and every line but the rebooting machine's reads as before.
        expect(screen[0]).toBe(first[0]);
        const changed = screen.flatMap((line, i) => (line === first[i] ? [] : [i]));
        expect(changed.every((i) => (screen[i] ?? '').includes(base[1]?.name ?? '?'))).toBe(true);
      }
    }
  });
});
