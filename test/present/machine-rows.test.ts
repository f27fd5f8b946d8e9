import { describe, expect, it } from 'vitest';
import type { Machine, MachineIssue } from '../../src/model/machine';
import { HOUR, MINUTE } from '../../src/model/time';
import { machineRows } from '../../src/present/machine-rows';
import { filterRows, type RowSet } from '../../src/present/rows';
import { fitCell, layoutColumns, withContentWidths } from '../../src/present/table-layout';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';

const base = healthySnapshot().machines[1] as Machine;
const alloc = base.allocation as NonNullable<Machine['allocation']>;
const machine = (patch: Partial<Machine>): Machine => ({ ...base, ...patch });
const issue = (id: string, severity: MachineIssue['severity']): MachineIssue => ({ id, severity, description: id });

/** A row's cells by column title, as the table would show them with room for every column. */
function cellsOf(set: RowSet, id: string): Record<string, string> {
  const row = set.rows.find((r) => r.id === id);
  return Object.fromEntries(set.columns.map((c, i) => [c.title, row?.cells[i] ?? '']));
}
const marksOf = (m: Machine, now = T0) => cellsOf(machineRows([m], now), m.id).MARKS;

describe('machines pane: metalctl marks', () => {
  it("says every mark as a word, in metalctl's order", () => {
    const m = machine({
      liveliness: 'Unknown',
      lock: 'RESERVED',
      failedReclaim: true,
      lastErrorEvent: { time: T0 - 10 * MINUTE, event: 'Crashed', message: 'kernel panic' },
      crashLoop: true,
      allocation: { ...alloc, vpnConnected: true },
    });
    expect(marksOf(m)).toBe('Unknown Reserved FailedReclaim LastEventErrors CrashLoop VPN');
    expect(marksOf(machine({ liveliness: 'Dead', lock: 'LOCKED' }))).toBe('Dead Locked');
  });

  it('calls a RESERVED machine Reserved (it used to read "Tainted")', () => {
    expect(marksOf(machine({ lock: 'RESERVED' }))).toBe('Reserved');
  });

  it('marks LastEventErrors only while the last error is younger than an hour', () => {
    const error = (ago: number) => machine({ lastErrorEvent: { time: T0 - ago, event: 'Crashed', message: '' } });
    expect(marksOf(error(59 * MINUTE))).toBe('LastEventErrors');
    expect(marksOf(error(61 * MINUTE))).toBe('');
  });

  it('marks VPN only when the allocation says it is connected', () => {
    expect(marksOf(machine({ allocation: { ...alloc, vpnConnected: true } }))).toBe('VPN');
    expect(marksOf(machine({ allocation: { ...alloc, vpnConnected: false } }))).toBe('');
    expect(marksOf(machine({}))).toBe('');
  });
});

describe('machines pane: rows', () => {
  it('shows the last event, when it happened (from last_event_time), the age of the allocation and the power', () => {
    const m = machine({
      lastEventTime: T0 - 30 * 1000,
      allocation: { ...alloc, created: T0 - 3 * HOUR },
      power: 'ON',
    });
    const c = cellsOf(machineRows([m], T0), m.id);
    expect(c).toMatchObject({ NAME: 'worker-c1', HOSTNAME: 'worker-c1', PROJECT: 'p1', 'LAST EVENT': 'Phoned Home', WHEN: '30s', AGE: '3h', POWER: 'ON' });
    // Without last_event_time, When counts from the newest logged event (3 days ago in the fixture).
    expect(cellsOf(machineRows([machine({})], T0), m.id)).toMatchObject({ WHEN: '3d', AGE: '-', POWER: 'no BMC' });
  });

  it('lists the issue ids metal-api evaluated; without any evaluation there is no ISSUES column', () => {
    const evaluated = machineRows([machine({ issues: [issue('crashloop', 'major'), issue('liveliness-dead', 'major')] })], T0);
    expect(cellsOf(evaluated, base.id).ISSUES).toBe('crashloop liveliness-dead');
    expect(machineRows([machine({})], T0).columns.map((c) => c.title)).not.toContain('ISSUES');
  });

  it('puts problems first: a critical issue ranks with the dead, a major one with the warnings', () => {
    const set = machineRows(
      [
        machine({ id: 'a', name: 'a-fine' }),
        machine({ id: 'b', name: 'b-minor', issues: [issue('asn-not-unique', 'minor')] }),
        machine({ id: 'c', name: 'c-major', issues: [issue('bmc-info-outdated', 'major')] }),
        machine({ id: 'd', name: 'd-critical', issues: [issue('failed-machine-reclaim', 'critical')] }),
        machine({ id: 'e', name: 'e-dead', liveliness: 'Dead' }),
      ],
      T0,
    );
    expect(set.rows.map((r) => [r.id, r.tone])).toEqual([
      ['d', 'critical'],
      ['e', 'critical'],
      ['c', 'warning'],
      ['a', undefined],
      ['b', undefined],
    ]);
  });

  it('finds a machine by an issue id with / even where the terminal has no room to show it', () => {
    const long = 'f3d1c2b0-1111-4222-8333-944455556666';
    const set = withContentWidths(
      machineRows(
        [
          machine({ id: long, name: long, liveliness: 'Dead', issues: [issue('liveliness-dead', 'major'), issue('bmc-info-outdated', 'major')] }),
          machine({ id: 'other', name: 'other', issues: [] }),
        ],
        T0,
      ),
    );
    const widths = layoutColumns(set.columns, 55, 1, set.contentWidths);
    const issues = set.columns.findIndex((c) => c.title === 'ISSUES');
    expect(fitCell(set.rows[0]?.cells[issues] ?? '', widths[issues] ?? 0)).not.toContain('bmc-info-outdated');
    expect(filterRows(set.rows, 'bmc-info-outdated').map((r) => r.id)).toEqual([long]);
    expect(filterRows(set.rows, 'crashloop')).toEqual([]);
    // And by what no column shows: the role and the shoot.
    expect(filterRows(set.rows, 'p1/c1')).toHaveLength(2);
  });

  it('keeps the rows of a machine list the next snapshot left alone, and still moves their ages with the time', () => {
    const list = healthySnapshot().machines;
    const first = machineRows(list, T0);
    expect(machineRows(list, T0)).toBe(first);
    // Three days later the same list reads older: new rows where the WHEN cell moved, the order kept.
    const later = machineRows(list, T0 + 72 * HOUR);
    const when = later.columns.findIndex((c) => c.title === 'WHEN');
    expect(later.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(later.rows.map((r) => r.cells[when])).toEqual(machineRows([...list], T0 + 72 * HOUR).rows.map((r) => r.cells[when]));
    expect(later.rows.some((r, i) => r.cells[when] !== first.rows[i]?.cells[when])).toBe(true);
  });
});
