// Keys that arrive together (key repeat, lag over SSH or Tailscale) each count, in every list and menu of the real
// program in a real terminal: `jjj` and three arrows written at once move three rows.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, sleep, TmuxScreen } from '../helpers/tmux';

const dir = testDir('rackpilot-key-chunks-');
const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});

const DOWN3 = '\u001b[B\u001b[B\u001b[B';
const UP3 = '\u001b[A\u001b[A\u001b[A';

function open(state: string, args: string, columns = 80, rows = 24): TmuxScreen {
  const screen = TmuxScreen.start(columns, rows, { XDG_CONFIG_HOME: freshConfigHome(), XDG_STATE_HOME: join(dir, state), HOME: dir, PATH: process.env.PATH ?? '' });
  screens.push(screen);
  screen.run(`'${process.execPath}' bin/rackpilot ${args}; echo EXIT=$?`);
  return screen;
}

/** The selected row of a list or menu names `name`. */
const selected = (name: string) => new RegExp(`^│\\s*>\\S*\\s+${name}(\\s|$)`, 'm');

describe.skipIf(!hasTmux)('keys in one write under tmux (skipped: tmux not installed)', { timeout: 90_000 }, () => {
  it('jjj and ↓↓↓ move three rows in a pane, the help, the inject menu and the wizard menu; Esc then G within 5 ms closes the detail and goes to the end', async () => {
    const t = open('tui', '');
    await t.waitFor(/\[1 Overview\][\s\S]*no findings/);
    t.write('4');
    await t.waitFor(selected('machine01'));
    t.write(DOWN3);
    await t.waitFor(selected('machine04'));
    t.write('kkk');
    await t.waitFor(selected('machine01'));

    // The help scrolls like a detail: its position line says where the window starts.
    t.write('?');
    await t.waitFor(/Keys: Esc or \? closes[\s\S]*\b1-\d+ of \d+/);
    t.write('jjj');
    await t.waitFor(/\b4-\d+ of \d+/);
    t.write(DOWN3);
    await t.waitFor(/\b7-\d+ of \d+/);
    t.write('?');
    await t.waitFor(/\[4 Machines\]/);

    t.write('!');
    await t.waitFor(/Inject a failure[\s\S]*> k3s-lost/);
    t.write(DOWN3);
    await t.waitFor(/> empty-backup-after-restart/);
    t.write(UP3);
    await t.waitFor(/> k3s-lost/);
    t.write('jjj');
    await t.waitFor(/> empty-backup-after-restart/);
    t.write('\u001b');
    await t.waitFor(/\[4 Machines\]/);

    t.write('w');
    await t.waitFor(/Open a wizard[\s\S]*> recover/);
    t.write('jjj');
    await t.waitFor(/> drill shoot-workers-lost/);
    t.write(UP3);
    await t.waitFor(/> recover/);
    t.write(DOWN3);
    await t.waitFor(/> drill shoot-workers-lost/);
    t.write('\u001b');
    await t.waitFor(/\[4 Machines\]/);

    await sleep(300);
    t.write('\r');
    await t.waitFor(/Machine machine01/);
    // Two keys a few milliseconds apart (not one write): Ink would read them as Meta+G.
    t.together('Escape', 'G');
    const end = await t.waitFor(selected('machine04'));
    expect(end).not.toMatch(/Machine machine01/);
    t.write('q');
    await t.waitFor(/EXIT=0/);
  });

  it("the wizard's version list: jjj and ↓↓↓ move three versions; Enter Enter in one write runs one step, not two", async () => {
    const t = open('recover', 'recover --scenario empty-backup-after-restart', 100, 30);
    await t.waitFor(/0\/6 steps done[\s\S]*Enter run/, 15_000);
    // The second Enter was typed before step 2's question was on screen: it must not run step 2.
    t.write('\r\r');
    await t.waitFor(/1\/6 steps done[\s\S]*Enter run/);
    await sleep(1_500);
    expect(t.capture()).toMatch(/1\/6 steps done/);
    t.write('\r');
    const table = await t.waitFor(/Choose the version of initial-metal-db[\s\S]*good, proposed/);
    const dates = table.split('\n').flatMap((l) => /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(l)?.slice(1) ?? []);
    const proposed = table.split('\n').filter((l) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l)).findIndex((l) => /good, proposed/.test(l));
    const row = (i: number) => new RegExp(`^│>.*${dates[i]}`, 'm');
    expect(table).toMatch(row(proposed));
    t.write('jjj');
    await t.waitFor(row(proposed + 3));
    t.write(UP3);
    await t.waitFor(row(proposed));
    t.write(DOWN3);
    await t.waitFor(row(proposed + 3));
    t.write('\r');
    await t.waitFor(/Type exactly: initial-metal-db \S{8}\s/);
    t.together('C-c');
    await t.waitFor(/EXIT=130/);
  });

  it('Ctrl-C quits the TUI with exit 130 (q with 0), the terminal restored', async () => {
    const t = open('ctrl-c', '');
    await t.waitFor(/\[1 Overview\]/);
    t.together('C-c');
    const shell = await t.waitFor(/EXIT=\d+/);
    expect(shell).toMatch(/EXIT=130/);
    expect(shell).not.toMatch(/Overview/);
  });
});
