import { type Machine, PROVISIONING_EVENTS } from '../model/machine';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { lastEventAt, machineMarks, machineTone, powerText } from './machine-marks';
import { type Column, compareText, type Row, type RowSet, searchText, type Tone } from './rows';

/** The widest provisioning event name: the LAST EVENT column keeps this width while a machine goes through them. */
const LONGEST_EVENT = Math.max(...PROVISIONING_EVENTS.map((e) => e.length));
/** One mark, the longest (LastEventErrors): room for a machine's first mark without moving the columns. */
const LONGEST_MARK = 15;

/**
 * metalctl's `machine ls` columns and its marks. Widths fit the cells (layoutColumns); at 80 columns the name, the
 * host, the last event and its age, power and the marks show, and the drop priorities say what leaves first on a
 * narrower terminal: the project (a UUID), size, partition, then age, rack and power. The name is never cut. The
 * columns whose cells come from a known set keep their width (`min`), so a machine going through its events
 * rewrites its own line, not the table.
 */
const COLUMNS: readonly Column[] = [
  { title: 'NAME', width: 12, keep: true },
  { title: 'HOSTNAME', width: 20, drop: 3 },
  { title: 'PROJECT', width: 36, drop: 9 },
  { title: 'SIZE', width: 12, drop: 8 },
  { title: 'PARTITION', width: 12, drop: 7 },
  { title: 'RACK', width: 8, drop: 5 },
  { title: 'LAST EVENT', width: LONGEST_EVENT, min: LONGEST_EVENT, drop: 1 },
  { title: 'WHEN', width: 4, min: 4, align: 'right', drop: 2 },
  { title: 'AGE', width: 4, min: 4, align: 'right', drop: 6 },
  { title: 'POWER', width: 7, min: 7, drop: 4 },
  { title: 'MARKS', width: 24, min: LONGEST_MARK },
];
/** Only where metal-api evaluated issues: the simulated rack shows its marks alone. */
const WITH_ISSUES: readonly Column[] = [...COLUMNS, { title: 'ISSUES', width: 24 }];

/**
 * Machines pane rows: problems first (critical, then warnings), then by name. Built once per data change: the same
 * machine list keeps its order and row set, and a machine object seen before keeps its row while its age and mark
 * cells read the same (a snapshot comes every second, most of them with no machine changed; 10,000 rows rebuilt
 * each time cost ~100 ms under load, which a key press arriving then had to wait for).
 */
export function machineRows(machines: readonly Machine[], now: EpochMs): RowSet {
  const evaluated = machines.some((m) => m.issues !== undefined);
  const previous = lastSet.get(machines);
  if (previous && previous.evaluated === evaluated) {
    // A row carries its machine and tone: the last order is the last rows (no list of its own, 0.5 MB at 10,000).
    const rows = previous.set.rows.map((r) => machineRow(r.m, r.tone, now, evaluated));
    if (rows.every((r, i) => r === previous.set.rows[i])) return previous.set;
    const set = { columns: previous.set.columns, rows };
    lastSet.set(machines, { evaluated, set });
    return set;
  }
  const rank = (tone: Tone | undefined) => (tone === 'critical' ? 0 : tone === 'warning' ? 1 : 2);
  const rows = machines.map((m) => machineRow(m, machineTone(m), now, evaluated));
  rows.sort((a, b) => rank(a.tone) - rank(b.tone) || compareText(a.m.name, b.m.name));
  const set = { columns: evaluated ? WITH_ISSUES : COLUMNS, rows };
  lastSet.set(machines, { evaluated, set });
  return set;
}

/** The rows last built per machine list, in their order (a new list, from a data change, starts a new entry). */
const lastSet = new WeakMap<readonly Machine[], { evaluated: boolean; set: { readonly columns: readonly Column[]; readonly rows: readonly MachineRow[] } }>();
/** Each machine object's last row, reused while the cells that move with time read the same. */
const lastRow = new WeakMap<Machine, MachineRow>();

function machineRow(m: Machine, tone: Tone | undefined, now: EpochMs, evaluated: boolean): MachineRow {
  const last = lastEventAt(m);
  const when = last === undefined ? '-' : formatAge(now - last);
  const created = m.allocation?.created;
  const age = created === undefined ? '-' : formatAge(now - created);
  const marks = machineMarks(m, now).join(' ');
  const cached = lastRow.get(m);
  if (cached && cached.when === when && cached.age === age && cached.marks === marks && cached.evaluated === evaluated && cached.tone === tone) return cached;
  const row = new MachineRow(m, tone, when, age, marks, evaluated);
  lastRow.set(m, row);
  return row;
}

/**
 * A machine's row keeps the machine and the cells that move with time; its other cells and its search text are made
 * when read (the lines on screen, the search index of a filter): 10,000 rows of kept strings took 5 MB, ~50 bytes a
 * row this way.
 */
class MachineRow implements Row {
  constructor(
    readonly m: Machine,
    readonly tone: Tone | undefined,
    readonly when: string,
    readonly age: string,
    readonly marks: string,
    readonly evaluated: boolean,
  ) {}

  get id(): string {
    return this.m.id;
  }

  get cells(): readonly string[] {
    const { m, when, age, marks } = this;
    const a = m.allocation;
    const cells = [
      m.name,
      a ? (a.hostname ?? a.name) : '-',
      a?.project ?? '-',
      m.size || '-',
      m.partition || '-',
      m.rack || '-',
      m.events[0]?.event ?? m.phase ?? '-',
      when,
      age,
      powerText(m),
      marks,
    ];
    if (this.evaluated) cells.push((m.issues ?? []).map((i) => i.id).join(' '));
    return cells;
  }

  /** Every cell, shown or dropped at this width, and the id, role and shoot besides. */
  get search(): string {
    return searchText(this.cells, [this.m.id, this.m.role, this.m.allocation?.cluster ?? '']);
  }
}
