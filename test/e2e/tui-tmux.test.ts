import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, sleep, TmuxScreen } from '../helpers/tmux';

const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});

function open(columns: number, rows: number, args = ''): TmuxScreen {
  const screen = TmuxScreen.start(columns, rows, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '' });
  screens.push(screen);
  screen.run(`'${process.execPath}' bin/rackpilot ${args}`);
  return screen;
}

describe.skipIf(!hasTmux)('the TUI in a real terminal under tmux (skipped: tmux not installed)', { timeout: 90_000 }, () => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 48],
  ] as const) {
    it(`at ${columns}x${rows}: every pane, a machine timeline, a filter, quit back to the shell`, async () => {
      const t = open(columns, rows);
      await t.waitFor(/\[1 Overview\][\s\S]*no findings/);
      const first = t.capture().split('\n');
      expect(first.length).toBeLessThanOrEqual(rows + 1);
      await t.keys('2');
      await t.waitFor(/\[2 Topology\][\s\S]*router/);
      await t.keys('3');
      await t.waitFor(/\[3 BGP\][\s\S]*Established/);
      await t.keys('5');
      await t.waitFor(/\[5 Shoots\][\s\S]*ops\/metal-cp/);
      await t.keys('6');
      await t.waitFor(/\[6 Backups\][\s\S]*metal-db/);
      await t.keys('4');
      await t.waitFor(/\[4 Machines\][\s\S]*machine04/);
      await t.keys('j', 'Enter');
      await t.waitFor(/Machine machine02[\s\S]*Event timeline[\s\S]*Phoned Home/);
      await t.keys('Escape', '/', 'f', 'i', 'r', 'e');
      const filtered = await t.waitFor(/\/fire/);
      expect(filtered).toMatch(/machine01/);
      expect(filtered).not.toMatch(/machine02/);
      await t.keys('Escape', 'q');
      const after = await t.waitFor(/PROMPT\$ .*bin\/rackpilot[\s\S]*PROMPT\$\s*$/m);
      expect(after).not.toMatch(/Overview/);
    });
  }

  it('injects shoot-workers-lost through ! and the BGP and shoots panes turn critical', async () => {
    const t = open(80, 24);
    await t.waitFor(/\[1 Overview\]/);
    await t.keys('!');
    await t.waitFor(/Inject a failure/);
    await t.keys('j', 'Enter');
    // At 80 columns the label gives way to the source's data age (header): its start is enough.
    await t.waitFor(/INCIDENT shoot-workers-\S* \d+s {2}sim ok/);
    await t.waitFor(/3 BGP X[\s\S]*5 Shoots X/, 30_000);
    await t.keys('3');
    await t.waitFor(/X leaf0\d .*(Idle|Active|Connect)/);
    await t.keys('5');
    await t.waitFor(/ops\/\w+-cp .*False/);
    await t.keys('q');
    await t.waitFor(/PROMPT\$\s*$/m);
  });

  it('handles keys that arrive together (key repeat, lag): jjj and three arrows in one write move three rows, in lists and menus; Esc+G closes the detail and goes to the end', async () => {
    const t = open(80, 24);
    await t.waitFor(/\[1 Overview\][\s\S]*no findings/);
    t.write('4jjj');
    await t.waitFor(/^│>\S*\s+machine04/m);
    t.write('\u001b[A\u001b[A\u001b[A');
    await t.waitFor(/^│>\S*\s+machine01/m);
    t.write('!jjj');
    // The fourth entry, three below the first.
    await t.waitFor(/Inject a failure[\s\S]*> empty-backup-after-restart/);
    t.write('\u001b');
    await t.waitFor(/\[4 Machines\]/);
    await sleep(300);
    t.write('\r');
    await t.waitFor(/Machine machine01/);
    // Esc and G within a few milliseconds: one chunk, which Ink would read as Meta+G.
    t.write('\u001bG');
    await t.waitFor(/^│>\S*\s+machine04/m);
  });

  it('says the terminal is too small until the window grows', async () => {
    const t = open(70, 20);
    await t.waitFor(/terminal too small \(need 80[x×]24\)/);
    t.tmux('resize-window', '-t', t.session, '-x', '100', '-y', '30');
    await t.waitFor(/\[1 Overview\]/);
    await t.keys('q');
  });

  it('restores the terminal on SIGTERM (what a dropped session sends)', async () => {
    const t = open(80, 24);
    await t.waitFor(/\[1 Overview\]/);
    const pid = t.tmux('list-panes', '-t', t.session, '-F', '#{pane_pid}').trim();
    // The shell's child is rackpilot.
    const child = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).trim().split('\n')[0];
    process.kill(Number(child), 'SIGTERM');
    const after = await t.waitFor(/PROMPT\$\s*$/m);
    expect(after).not.toMatch(/Overview/);
  });
});
