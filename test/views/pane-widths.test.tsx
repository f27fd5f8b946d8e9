import { describe, expect, it } from 'vitest';
import type { RackSnapshot } from '../../src/model/snapshot';
import { planeState, runsOn } from '../../src/present/control-plane-rows';
import { conditionSummary } from '../../src/present/shoot-rows';
import type { ScenarioName } from '../../src/sim/scenarios';
import { setupApp } from './app-setup';

/**
 * Issue 14: at 80×24 (and 120×40), on the mini-rack and at --scale 1 and 1700, no identifying cell is cut and the
 * state column is on screen, in every pane; detail views and help wrap instead of cutting. Read from the frame.
 */

interface IdColumn {
  readonly title: string;
  /** Every whole text the column may show, from the model. */
  readonly names: (s: RackSnapshot) => Iterable<string>;
}

interface PaneSpec {
  readonly key: string;
  readonly state: string;
  /** The state column's whole texts, where the test can know them all: then its cells are checked whole too. */
  readonly states?: (s: RackSnapshot) => Iterable<string>;
  readonly ids: readonly IdColumn[];
  /** Enter opens a detail (the overview's Enter jumps instead). */
  readonly detail: boolean;
}

const PANES: readonly PaneSpec[] = [
  { key: '1', state: 'SEV', ids: [{ title: 'AREA', names: (s) => s.findings.map((f) => f.area) }], detail: false },
  { key: '2', state: 'STATE', states: () => ['up', 'DOWN', 'unknown'], ids: [{ title: 'NODE', names: (s) => s.topology.nodes.map((n) => n.name) }], detail: true },
  {
    key: '3',
    state: 'STATE',
    states: (s) => ['unknown', 'BGPD DOWN', 'UNREACHABLE', ...s.bgp.switches.flatMap((w) => w.sessions.map((x) => x.state))],
    ids: [
      { title: 'SWITCH', names: (s) => s.bgp.switches.map((w) => w.name) },
      {
        title: 'PEER',
        names: (s) => ['-', ...s.bgp.switches.flatMap((w) => w.sessions.map((x) => x.peerHostname ?? '-'))],
      },
    ],
    detail: true,
  },
  { key: '4', state: 'MARKS', ids: [{ title: 'NAME', names: (s) => s.machines.map((m) => m.name) }], detail: true },
  { key: '5', state: 'CONDITIONS', states: (s) => s.shoots.map(conditionSummary), ids: [{ title: 'PROJECT/NAME', names: (s) => s.shoots.map((x) => `${x.project}/${x.name}`) }], detail: true },
  {
    key: '6',
    state: 'ANOMALIES',
    ids: [
      { title: 'COMPONENT', names: (s) => s.backups.map((b) => b.name) },
      { title: 'OWNER', names: (s) => s.backups.map((b) => b.owner) },
    ],
    detail: true,
  },
  {
    key: '7',
    state: 'STATE',
    states: (s) => s.controlPlanes.map((p) => planeState(p).text),
    ids: [
      { title: 'CONTROL PLANE', names: (s) => s.controlPlanes.map((p) => p.name) },
      { title: 'RUNS ON', names: (s) => s.controlPlanes.map((p) => runsOn(p, s)) },
    ],
    detail: true,
  },
];

/** The lines inside the pane's frame, without its border. */
function inner(screen: string): string[] {
  return screen
    .split('\n')
    .filter((l) => l.startsWith('│') && l.endsWith('│'))
    .map((l) => l.slice(1, -1));
}

/** Where a title starts in the header line, as a whole word (NAME is not HOSTNAME's tail). */
function titleAt(header: string, title: string): number {
  const m = new RegExp(`(^|\\s)${title.replace(/[()/]/g, '\\$&')}(?=\\s|$)`).exec(header);
  return m ? m.index + (m[1] ?? '').length : -1;
}

/** The table's header and its data rows (up to the blank or position line). */
function table(lines: readonly string[], stateTitle: string): { header: string; rows: string[] } {
  const at = lines.findIndex((l) => titleAt(l, stateTitle) >= 0 && l.startsWith('   '));
  expect(at, `no header with ${stateTitle}:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const l of lines.slice(at + 1)) {
    // The list ends at a blank line, the position line, or is the empty list's one line.
    if (!/^[> ][^ ]? /.test(l) || !l.slice(3).trim() || /^\s+\d+-\d+ of \d+$/.test(l) || /^ {3}(no findings|nothing)/.test(l)) break;
    rows.push(l);
  }
  return { header: lines[at] ?? '', rows };
}

/** Tree glyphs before a topology node's name, and the ↑ of a reference row, are not part of the name. */
const bare = (cell: string) => cell.replace(/^[│├└─|`\- ]+/, '');

function expectWhole(rows: readonly string[], header: string, col: IdColumn, s: RackSnapshot, where: string) {
  const start = titleAt(header, col.title);
  expect(start, `${where}: column ${col.title} is not on screen:\n${header}`).toBeGreaterThanOrEqual(0);
  const names = [...new Set(col.names(s))].sort((a, b) => b.length - a.length);
  for (const row of rows) {
    const rest = bare(row.slice(start));
    const whole = names.some((n) => rest === n || rest.startsWith(`${n} `));
    expect(whole, `${where}: ${col.title} cut in\n${row}\n${header}`).toBe(true);
  }
}

/** No line of a detail view ends cut (wrapped lines end in whole words). */
function expectNoCut(lines: readonly string[], where: string) {
  for (const l of lines) expect(l.trimEnd().endsWith('…'), `${where}: cut line\n${l}`).toBe(false);
}

const RACKS: ReadonlyArray<{ name: string; scale?: number; scenario?: ScenarioName; minutes: number }> = [
  { name: 'the mini-rack in rack-lost', scenario: 'rack-lost', minutes: 3 },
  { name: 'the mini-rack in shoot-workers-lost', scenario: 'shoot-workers-lost', minutes: 3 },
  { name: 'the mini-rack in machine-reboot', scenario: 'machine-reboot', minutes: 2 },
  { name: 'the mini-rack in empty-backup-after-restart', scenario: 'empty-backup-after-restart', minutes: 3 },
  { name: '--scale 1', scale: 1, minutes: 1 },
  { name: '--scale 1700', scale: 1700, minutes: 1 },
  { name: '--scale 1700 in rack-lost', scale: 1700, scenario: 'rack-lost', minutes: 3 },
];

describe.each(RACKS)('pane widths on $name', (rack) => {
  it.each([
    [80, 24],
    [120, 40],
  ])('at %ix%i every pane shows its identifying cells whole and its state; details and help are not cut', async (columns, rows) => {
    const app = await setupApp({ columns, rows, minutes: rack.minutes, ...(rack.scale ? { scale: rack.scale } : {}), ...(rack.scenario ? { scenario: rack.scenario } : {}) });
    try {
      for (const pane of PANES) {
        await app.write(pane.key);
        const where = `${rack.name} ${columns}x${rows} pane ${pane.key}`;
        const { header, rows: data } = table(inner(app.screen()), pane.state);
        const s = app.snapshot();
        for (const col of pane.ids) expectWhole(data, header, col, s, where);
        const states = pane.states;
        if (states) expectWhole(data, header, { title: pane.state, names: states }, s, where);
        if (!pane.detail) continue;
        // The first row's detail and a problem row's (the list sorts problems first).
        await app.write('g');
        await app.write('\r');
        const detail = inner(app.screen());
        const tableAt = detail.findIndex((l) => titleAt(l, 'LOOKS') >= 0);
        if (tableAt >= 0) {
          // Backups: the intro wraps; in the versions table the time names a version and LOOKS judges it.
          expectNoCut(detail.slice(0, tableAt), `${where} detail`);
          const versions = table(detail, 'LOOKS');
          expect(versions.rows.length).toBeGreaterThan(0);
          for (const v of versions.rows) expect(v.slice(titleAt(versions.header, 'TIME (UTC)'))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /);
        } else {
          expectNoCut(detail, `${where} detail`);
        }
        await app.write('\u001b');
        await app.waitFor(new RegExp(`${pane.state}`));
      }
      await app.write('?');
      expectNoCut(inner(await app.waitFor(/Keys: Esc/)), `${rack.name} ${columns}x${rows} help`);
    } finally {
      await app.stop();
    }
  }, 60_000);
});
