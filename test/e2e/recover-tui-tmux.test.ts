import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, TmuxScreen } from '../helpers/tmux';

const dir = mkdtempSync(join(tmpdir(), 'rackpilot-recover-tui-'));
const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `recover` on a 100x30 terminal with a state directory of its own; the shell prints the exit code after. */
function recover(state: string): TmuxScreen {
  const screen = TmuxScreen.start(100, 30, { XDG_CONFIG_HOME: freshConfigHome(), XDG_STATE_HOME: join(dir, state), HOME: dir, PATH: process.env.PATH ?? '' });
  screens.push(screen);
  screen.run(`'${process.execPath}' bin/rackpilot recover --scenario empty-backup-after-restart; echo EXIT=$?`);
  return screen;
}

/** Runs the assess and fence steps, then checks the version table and takes the proposal; returns the text to type. */
async function upToConfirmation(t: TmuxScreen): Promise<string> {
  await t.waitFor(/0\/5 steps done[\s\S]*Enter run this step/, 15_000);
  await t.keys('Enter');
  await t.waitFor(/1\/5 steps done[\s\S]*pause-backups[\s\S]*Enter run this step/);
  await t.keys('Enter');
  const table = await t.waitFor(/Choose the version of initial-metal-db[\s\S]*proposed/);
  const rows = table.split('\n').filter((l) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
  const proposed = rows.findIndex((l) => /good, proposed/.test(l));
  // The newest versions are the empty uploads after the restart; the proposal is the first good one below them.
  expect(rows[0]).toMatch(/EMPTY\?/);
  expect(proposed).toBeGreaterThan(0);
  expect(rows.slice(0, proposed).every((l) => /EMPTY\?/.test(l))).toBe(true);
  expect(rows[proposed]).toMatch(/^│>/);
  await t.keys('Enter');
  const confirm = await t.waitFor(/Type exactly: (\S+ \S+)/);
  const expected = /Type exactly: (\S+ \S+)/.exec(confirm)?.[1] as string;
  expect(expected).toMatch(/^initial-metal-db \S{8}$/);
  return expected;
}

function restoresAudited(state: string): number {
  const log = readFileSync(join(dir, state, 'rackpilot', 'audit.log'), 'utf8');
  return log.split('\n').filter((l) => l.includes('"op":"restore-backup"') && l.includes('"event":"action-end"')).length;
}

describe.skipIf(!hasTmux)('recover in the full-screen wizard under tmux (skipped: tmux not installed)', { timeout: 60_000 }, () => {
  it('a wrong typed confirmation cancels the run and restores nothing', async () => {
    const t = recover('wrong');
    await upToConfirmation(t);
    t.tmux('send-keys', '-t', t.session, '-l', 'initial-metal-db wrongtxt');
    await t.keys('Enter');
    const end = await t.waitFor(/Run cancelled\. Enter or Esc closes/);
    expect(end).not.toMatch(/restoring initial-metal-db/);
    await t.keys('Enter');
    const shell = await t.waitFor(/EXIT=\d+/);
    expect(shell).toMatch(/run cancelled/);
    expect(shell).toMatch(/EXIT=1/);
    expect(restoresAudited('wrong')).toBe(0);
  });

  it('the right confirmation restores the proposed version and the run ends done on a healthy rack', async () => {
    const t = recover('right');
    const expected = await upToConfirmation(t);
    t.tmux('send-keys', '-t', t.session, '-l', expected);
    await t.keys('Enter');
    await t.waitFor(/DESTRUCTIVE step\. Enter run this step/);
    await t.keys('Enter');
    // Verify, then resume backups: each is shown and run on Enter.
    await t.waitFor(/3\/5 steps done[\s\S]*Enter run this step/, 20_000);
    await t.keys('Enter');
    await t.waitFor(/4\/5 steps done[\s\S]*resume-backups[\s\S]*Enter run this step/, 20_000);
    await t.keys('Enter');
    await t.waitFor(/Run done/, 20_000);
    await t.keys('Enter');
    const shell = await t.waitFor(/EXIT=\d+/);
    expect(shell).toMatch(/run done/);
    expect(shell).toMatch(/The rack is healthy/);
    expect(shell).toMatch(/EXIT=0/);
    expect(restoresAudited('right')).toBe(1);
  });
});
