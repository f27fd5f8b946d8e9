import type { Machine } from '../model/machine';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { type Column, compareText, makeRow, type Row, type RowSet, type Tone } from './rows';

// Sized for 80 columns: the two flex columns share what is left and grow on wider terminals.
export const MACHINE_COLUMNS: readonly Column[] = [
  { title: 'NAME', width: 12 },
  { title: 'PARTITION/RACK', width: 'flex' },
  { title: 'ROLE', width: 8 },
  { title: 'ALLOCATION', width: 'flex' },
  { title: 'LIVE', width: 7 },
  { title: 'PHASE', width: 12 },
  { title: 'AGE', width: 4, align: 'right' },
  { title: 'FLAGS', width: 7 },
];

/** metalctl's wide flag words; "no BMC" is left to the detail, since on the mini-rack every machine has none. */
export function machineFlags(m: Machine): string[] {
  const flags: string[] = [];
  if (m.crashLoop) flags.push('CrashLoop');
  if (m.failedReclaim) flags.push('FailedReclaim');
  if (m.lock) flags.push(m.lock === 'LOCKED' ? 'Locked' : 'Tainted');
  return flags;
}

function tone(m: Machine): Tone | undefined {
  if (m.liveliness === 'Dead' || m.crashLoop) return 'critical';
  if (m.liveliness === 'Unknown' || m.failedReclaim) return 'warning';
  return undefined;
}

function allocation(m: Machine): string {
  if (!m.allocation) return '-';
  return m.allocation.cluster ? `${m.allocation.cluster} ${m.allocation.hostname ?? m.allocation.name}` : m.allocation.name;
}

/** Machines pane rows: problems first, then by name. */
export function machineRows(machines: readonly Machine[], now: EpochMs): RowSet {
  const sorted = [...machines].sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
  const rows: Row[] = sorted.map((m) =>
    makeRow(
      m.id,
      [
        m.name,
        `${m.partition}/${m.rack}`,
        m.role,
        allocation(m),
        m.liveliness,
        m.phase ?? '-',
        m.phaseSince === undefined ? '-' : formatAge(now - m.phaseSince),
        machineFlags(m).join(' '),
      ],
      tone(m),
    ),
  );
  return { columns: MACHINE_COLUMNS, rows };
}

function rank(m: Machine): number {
  const t = tone(m);
  return t === 'critical' ? 0 : t === 'warning' ? 1 : 2;
}
