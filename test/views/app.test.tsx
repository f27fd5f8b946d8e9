import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { SCENARIOS } from '../../src/sim';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';
import { App } from '../../views/App';
import { hasColorEscape, plain, renderThemed, tick } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const stores: RackStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.stop();
});

async function setup(opts: { columns?: number; rows?: number; readOnly?: boolean; color?: boolean; ascii?: boolean } = {}) {
  const clock = new VirtualClock(T0);
  const sim = createSimSource({ clock });
  const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true } });
  stores.push(store);
  store.start();
  await clock.advance(0);
  const size = { columns: opts.columns ?? 100, rows: opts.rows ?? 30 };
  const ui = renderThemed(
    <App store={store} readOnly={opts.readOnly ?? false} scenarios={SCENARIOS} inject={(n) => sim.inject(n as never)} size={size} />,
    { color: opts.color ?? false, ascii: opts.ascii ?? false },
  );
  await tick();
  const screen = () => plain(ui.lastFrame());
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await tick();
    }
  };
  return { clock, sim, store, ui, screen, press, size };
}

const ESC = '\u001b';
const ENTER = '\r';
const TAB = '\t';

describe('the TUI on the simulated rack', () => {
  it('opens on the overview: header with SIMULATED and source age, one line per area, no findings', async () => {
    const { screen } = await setup();
    const s = screen();
    expect(s).toMatch(/rackpilot mini-rack SIMULATED\s+sim ok \d+[smhd]/);
    expect(s).toMatch(/\[1 Overview\]/);
    for (const area of ['topology', 'bgp', 'machines', 'shoots', 'control-planes', 'backups', 'sources']) {
      expect(s).toMatch(new RegExp(`${area}\\s+OK`));
    }
    expect(s).toContain('no findings: every check passed');
    expect(s).toMatch(/Tab pane.*\? help.*q quit/);
  });

  it('switches to every pane with 1-6 and shows its data', async () => {
    const { press, screen } = await setup();
    await press('2');
    // 9 nodes and the 4 machines' second uplinks, to leaf02, as reference rows.
    expect(screen()).toMatch(/Topology \(16\)/);
    expect(screen()).toMatch(/router[\s\S]*spine[\s\S]*leaf01/);
    expect(screen()).toMatch(/leaf02[\s\S]*machine01 ↑ +firewall +up +Ethernet0<->lan1 up/);
    await press('3');
    expect(screen()).toMatch(/BGP \(21\)/);
    expect(screen()).toContain('Established');
    await press('4');
    expect(screen()).toMatch(/Machines \(4\)/);
    expect(screen()).toContain('machine01');
    await press('5');
    expect(screen()).toMatch(/Shoots \(2\)/);
    expect(screen()).toContain('ops/metal-cp');
    await press('6');
    expect(screen()).toMatch(/Backups \(10\)/);
    expect(screen()).toContain('metal-db');
    await press('1');
    expect(screen()).toMatch(/\[1 Overview\]/);
  });

  it('Tab and Shift-Tab cycle the panes', async () => {
    const { press, screen } = await setup();
    await press(TAB);
    expect(screen()).toMatch(/\[2 Topology\]/);
    await press(`${ESC}[Z`);
    expect(screen()).toMatch(/\[1 Overview\]/);
  });

  it("opens a machine's whole event timeline with Enter and goes back with Esc", async () => {
    const { press, screen } = await setup();
    await press('4', 'j', ENTER);
    expect(screen()).toMatch(/Machines > Machine/);
    expect(screen()).toMatch(/Machine machine02/);
    expect(screen()).toMatch(/Event timeline \(\d+ events, newest first\)/);
    expect(screen()).toMatch(/Phoned Home[\s\S]*Booting New Kernel[\s\S]*Installing[\s\S]*Waiting/);
    await press(ESC);
    expect(screen()).toMatch(/Machines \(4\)/);
  });

  it('filters the list case-insensitively with / and clears it with Esc', async () => {
    const { press, screen } = await setup();
    await press('4', '/', 'F', 'i', 'R', 'e');
    const s = screen();
    expect(s).toMatch(/\/FiRe/);
    expect(s).toMatch(/2 of 4/);
    expect(s).not.toMatch(/machine02/);
    await press(ENTER);
    expect(screen()).toMatch(/machine01/);
    await press(ESC);
    expect(screen()).toMatch(/machine02/);
  });

  it('lists every version of a backup component with its change against the previous one and how it looks', async () => {
    const { press, screen } = await setup({ rows: 40 });
    await press('6', ENTER);
    const s = screen();
    expect(s).toMatch(/Backups > Versions/);
    // The same table the recovery wizard shows when it asks which version to restore.
    expect(s).toMatch(/TIME \(UTC\)\s+SIZE\s+CHANGE\s+AGE\s+LOOKS\s+VERSION ID/);
    expect(s).toMatch(/[+-]\d+(\.\d)? (B|KB|MB)/);
    // A steady rack: the newest version is the one a restore would take.
    expect(s).toMatch(/│>.*good, proposed/);
  });

  it('shows every key in the help overlay, with ! only when simulated and not read-only', async () => {
    const rw = await setup();
    await rw.press('?');
    expect(rw.screen()).toMatch(/inject a failure scenario/);
    expect(rw.screen()).toMatch(/filter rows/);
    await rw.press(ESC);
    expect(rw.screen()).toMatch(/\[1 Overview\]/);
    const ro = await setup({ readOnly: true });
    await ro.press('?');
    expect(ro.screen()).not.toMatch(/inject/);
    expect(ro.screen()).not.toMatch(/! inject/);
  });

  it('injects shoot-workers-lost through ! and turns the BGP and shoots panes critical', async () => {
    const { press, screen, clock } = await setup({ rows: 40 });
    await press('!');
    expect(screen()).toMatch(/Inject a failure/);
    const index = SCENARIOS.findIndex((s) => s.name === 'shoot-workers-lost');
    for (let i = 0; i < index; i++) await press('j');
    await press(ENTER);
    await clock.advance(30_000);
    await tick();
    expect(screen()).toMatch(/INCIDENT shoot-workers-lost/);
    expect(screen()).toMatch(/3 BGP X/);
    expect(screen()).toMatch(/5 Shoots X/);
    await press('3');
    expect(screen()).toMatch(/X leaf0\d .*(Idle|Active|Connect)/);
    await press('5');
    expect(screen()).toMatch(/False/);
  });

  it('says the terminal is too small below 80x24', async () => {
    const { screen } = await setup({ columns: 79, rows: 24 });
    expect(screen()).toMatch(/terminal too small \(need 80[x×]24\)/);
  });

  it('never draws a frame taller or wider than the terminal, at 80x24 on every pane', async () => {
    const { press, ui } = await setup({ columns: 80, rows: 24 });
    for (const key of ['1', '2', '3', '4', '5', '6', ENTER, '?']) {
      await press(key);
      const lines = plain(ui.lastFrame()).split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    }
  });

  it('with colour off writes no colour escapes and marks problems with symbols', async () => {
    const { press, ui, clock, sim } = await setup({ color: false });
    sim.inject('rack-lost');
    await clock.advance(20_000);
    await press('3');
    expect(hasColorEscape(ui.lastFrame())).toBe(false);
    expect(plain(ui.lastFrame())).toMatch(/X leaf/);
  });

  it('in ASCII mode draws no box-drawing characters', async () => {
    const { press, ui } = await setup({ ascii: true });
    await press('2');
    expect(plain(ui.lastFrame())).not.toMatch(/[\u2500-\u257f]/);
  });
});

describe('wizards from the TUI', () => {
  it('w opens the wizard menu; recover shows the steps and asks before running the first one', async () => {
    const clock = new VirtualClock(T0);
    const sim = createSimSource({ clock, scenario: 'empty-backup-after-restart' });
    const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true } });
    stores.push(store);
    store.start();
    await clock.advance(0);
    const { liveWizards } = await import('../../commands/wizard/tui-wizards');
    // What the first wizard imports when it starts (not on the way to the first frame), loaded here beforehand, so the
    // wait below is the run's and not the test runner's transform of the runbooks under load.
    await import('../../commands/wizard/tui-wizard-runs');
    const { DEFAULT_CONFIG } = await import('../../src/config');
    const wizards = liveWizards({ store, sim, config: DEFAULT_CONFIG, env: { XDG_STATE_HOME: '/tmp/rackpilot-test-state' } });
    const ui = renderThemed(<App store={store} readOnly={false} scenarios={SCENARIOS} wizards={wizards} size={{ columns: 100, rows: 30 }} />);
    await tick();
    ui.stdin.write('w');
    await tick();
    expect(plain(ui.lastFrame())).toMatch(/Open a wizard[\s\S]*recover[\s\S]*bootstrap[\s\S]*drill rack-lost/);
    ui.stdin.write('\r');
    await vi.waitFor(() => expect(plain(ui.lastFrame())).toMatch(/\[>\] 1 Assess the damage/), { timeout: 15_000 });
    const s = plain(ui.lastFrame());
    expect(s).toMatch(/Restore metal-db/);
    // The footer is the wizard's own, from the same key records as its keys: Esc does not pretend to close it.
    expect(s).toMatch(/Enter run {2}s skip {2}a abort/);
    expect(s).toMatch(/Ctrl-C abort run/);
    expect(s).not.toMatch(/Esc close/);
  });

  it('read-only hides the wizard key', async () => {
    const { press, screen } = await setup({ readOnly: true });
    await press('w');
    expect(screen()).not.toMatch(/Open a wizard/);
    expect(screen()).not.toMatch(/w wizard/);
  });
});
