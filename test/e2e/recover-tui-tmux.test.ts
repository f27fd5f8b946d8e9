import { readdirSync, readFileSync, } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, TmuxScreen } from '../helpers/tmux';
import { auditEntries, journals, locks } from './wizard-run';

const dir = testDir('rackpilot-recover-tui-');
const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});

/** A wizard command on a 100x30 terminal with a state directory of its own; the shell prints the exit code after. */
function open(state: string, args: string, size: [number, number] = [100, 30]): TmuxScreen {
  const screen = TmuxScreen.start(size[0], size[1], { XDG_CONFIG_HOME: freshConfigHome(), XDG_STATE_HOME: join(dir, state), HOME: dir, PATH: process.env.PATH ?? '' });
  screens.push(screen);
  screen.run(`'${process.execPath}' bin/rackpilot ${args}; echo EXIT=$?`);
  return screen;
}

const RECOVER = 'recover --scenario empty-backup-after-restart';

/** Runs the assess and fence steps of the empty-backup recovery, up to the version table. */
async function upToVersions(t: TmuxScreen): Promise<string> {
  await t.waitFor(/0\/6 steps done[\s\S]*Enter run/, 15_000);
  await t.keys('Enter');
  await t.waitFor(/1\/6 steps done[\s\S]*kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=0[\s\S]*Enter run/);
  await t.keys('Enter');
  return t.waitFor(/Choose the version of initial-metal-db[\s\S]*good, proposed/);
}

/** Takes the proposal and returns the text to type. */
async function upToConfirmation(t: TmuxScreen): Promise<string> {
  const table = await upToVersions(t);
  const rows = table.split('\n').filter((l) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
  const proposed = rows.findIndex((l) => /good, proposed/.test(l));
  // The newest versions are the empty uploads after the restart; the proposal is the first good one below them.
  expect(rows[0]).toMatch(/EMPTY\?/);
  expect(proposed).toBeGreaterThan(0);
  expect(rows.slice(0, proposed).every((l) => /EMPTY\?/.test(l))).toBe(true);
  expect(rows[proposed]).toMatch(/^│>/);
  await t.keys('Enter');
  const confirm = await t.waitFor(/Type exactly: (\S+ \S+)/);
  return /Type exactly: (\S+ \S+)/.exec(confirm)?.[1] as string;
}

const clears = (state: string) => auditEntries(join(dir, state)).filter((e) => (e.effect as { op?: string } | undefined)?.op === 'clear-data' && e.event === 'action-end').length;
const pidOf = (state: string) => {
  const locksDir = join(dir, state, 'rackpilot', 'locks');
  const [file] = readdirSync(locksDir);
  return (JSON.parse(readFileSync(join(locksDir, file as string), 'utf8')) as { pid: number }).pid;
};

/** Sends the interrupt and waits for the shell's EXIT line: the run must end (and the terminal come back) within about a second. */
async function interrupt(t: TmuxScreen, send: () => void): Promise<string> {
  const sent = Date.now();
  send();
  const shell = await t.waitFor(/EXIT=\d+/, 5000);
  // The screen is polled every 100 ms: up to that much on top of the second.
  expect(Date.now() - sent, 'back at the shell within 1 s').toBeLessThan(1300);
  // The alternate screen is gone: no frame of the wizard is left on the terminal.
  expect(shell).not.toMatch(/┌─/);
  return shell;
}

describe.skipIf(!hasTmux)('wizards on the full screen under tmux (skipped: tmux not installed)', { timeout: 60_000 }, () => {
  it('a wrong typed confirmation cancels the run, restores nothing and says the database is still stopped', async () => {
    const t = open('wrong', RECOVER);
    await upToConfirmation(t);
    t.tmux('send-keys', '-t', t.session, '-l', 'initial-metal-db wrongtxt');
    await t.keys('Enter');
    const end = await t.waitFor(/Run CANCELLED: the typed confirmation did not match[\s\S]*Enter close/);
    expect(end).toMatch(/metal-db \(initial metal-stack\) is STILL STOPPED/);
    await t.keys('Enter');
    const shell = await t.waitFor(/EXIT=\d+/);
    // The summary stays on the terminal after the wizard closed.
    expect(shell).toMatch(/Run CANCELLED/);
    expect(shell).toMatch(/to undo: \$ kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=\s*1/);
    expect(shell).toMatch(/EXIT=1/);
    expect(clears('wrong')).toBe(0);
  });

  it('a flagged version shows why, the proposal instead, and needs the extra word', async () => {
    const t = open('flagged', RECOVER);
    await upToVersions(t);
    await t.keys('Up');
    const list = await t.waitFor(/WARNING: this is not the version the wizard proposes: it looks EMPTY/);
    expect(list).toMatch(/a cancel/);
    await t.keys('Enter');
    const typed = await t.waitFor(/Type exactly: initial-metal-db \S{8} EMPTY/);
    expect(typed).toMatch(/The proposal is \S+ of 20\d\d-/);
    // Esc goes back to the list: nothing is cancelled by it.
    await t.keys('Escape');
    await t.waitFor(/Choose the version of initial-metal-db/);
    await t.keys('Down', 'Enter');
    await t.waitFor(/Type exactly: initial-metal-db \S{8}\s/);
  });

  it('the right confirmation restores the proposed version and the run ends done on a healthy rack', async () => {
    const t = open('right', RECOVER);
    const expected = await upToConfirmation(t);
    t.tmux('send-keys', '-t', t.session, '-l', expected);
    await t.keys('Enter');
    await t.waitFor(/Restore metal-db \(initial metal-stack\) {2}\[DESTRUCTIVE\][\s\S]*Planned actions[\s\S]*aws s3api[\s\S]*Enter run/);
    await t.keys('Enter');
    for (const done of [3, 4, 5]) {
      await t.waitFor(new RegExp(`${done}/6 steps done[\\s\\S]*Enter run`), 20_000);
      await t.keys('Enter');
    }
    await t.waitFor(/Run done\.[\s\S]*Enter close/, 20_000);
    await t.keys('Enter');
    const shell = await t.waitFor(/EXIT=\d+/);
    expect(shell).toMatch(/Time: machine \S+.*, operator \S+.*, RTO/);
    expect(shell).toMatch(/The rack is healthy/);
    expect(shell).toMatch(/EXIT=0/);
    expect(clears('right')).toBe(1);
  });

  it('Ctrl-C at the version table aborts at once: summary, terminal back, lock released, journal aborted (130)', async () => {
    const t = open('ctrlc', RECOVER);
    await upToVersions(t);
    const shell = await interrupt(t, () => t.tmux('send-keys', '-t', t.session, 'C-c'));
    expect(shell).toMatch(/Run ABORTED: interrupted: Ctrl-C/);
    expect(shell).toMatch(/metal-db \(initial metal-stack\) is STILL STOPPED/);
    expect(shell).toMatch(/EXIT=130/);
    expect(locks(join(dir, 'ctrlc'))).toEqual([]);
    expect(journals(join(dir, 'ctrlc')).map((j) => j.state)).toEqual(['aborted']);
  });

  it('SIGHUP (a dropped SSH session) while typing the confirmation ends the run the same way (129)', async () => {
    const t = open('hup', RECOVER);
    await upToConfirmation(t);
    const pid = pidOf('hup');
    const shell = await interrupt(t, () => process.kill(pid, 'SIGHUP'));
    expect(shell).toMatch(/Run ABORTED: interrupted: SIGHUP/);
    expect(shell).toMatch(/EXIT=129/);
    expect(locks(join(dir, 'hup'))).toEqual([]);
  });

  it('SIGTERM at a bootstrap step and Ctrl-C at a drill step end those wizards too (143, 130)', async () => {
    const b = open('boot', 'bootstrap');
    await b.waitFor(/0\/8 steps done[\s\S]*Enter run/, 15_000);
    const booted = await interrupt(b, () => process.kill(pidOf('boot'), 'SIGTERM'));
    expect(booted).toMatch(/Run ABORTED: interrupted: SIGTERM[\s\S]*EXIT=143/);
    const d = open('drill', 'drill --scenario k3s-lost');
    await d.waitFor(/0\/10 steps done[\s\S]*Enter run/, 15_000);
    const drilled = await interrupt(d, () => d.tmux('send-keys', '-t', d.session, 'C-c'));
    expect(drilled).toMatch(/Run ABORTED: interrupted: Ctrl-C[\s\S]*EXIT=130/);
    expect(locks(join(dir, 'drill'))).toEqual([]);
  });

  it('the TUI: Ctrl-C at a failure prompt (recover on a healthy rack: nothing to recover) ends it the same way', async () => {
    const t = open('tui-failure', '', [100, 30]);
    await t.waitFor(/sim ok/, 15_000);
    await t.keys('w');
    await t.waitFor(/Open a wizard/);
    await t.keys('Enter');
    await t.waitFor(/nothing to recover: this rack shows none of the failures/);
    await t.keys('Enter');
    await t.waitFor(/Failed: precondition failed: the rack-lost failure is present[\s\S]*r retry {2}s skip {2}a abort/);
    const shell = await interrupt(t, () => t.tmux('send-keys', '-t', t.session, 'C-c'));
    expect(shell).toMatch(/Run ABORTED: interrupted: Ctrl-C pressed/);
    expect(shell).toMatch(/EXIT=130/);
    expect(locks(join(dir, 'tui-failure'))).toEqual([]);
  });

  it('the TUI: Ctrl-C during a recovery opened with w aborts it, quits and prints its summary (130)', async () => {
    const t = open('tui', '--scenario empty-backup-after-restart', [120, 40]);
    await t.waitFor(/INCIDENT empty-backup-after-restart/, 15_000);
    await t.keys('w');
    await t.waitFor(/Open a wizard/);
    await t.keys('Enter');
    await t.waitFor(/Assess the damage[\s\S]*Enter run/);
    await t.keys('Enter');
    await t.waitFor(/Stop the initial databases to be restored[\s\S]*Enter run/);
    await t.keys('Enter');
    await t.waitFor(/Choose the version of initial-metal-db/, 20_000);
    const shell = await interrupt(t, () => t.tmux('send-keys', '-t', t.session, 'C-c'));
    expect(shell).toMatch(/Run ABORTED: interrupted: Ctrl-C pressed/);
    expect(shell).toMatch(/metal-db \(initial metal-stack\) is STILL STOPPED/);
    expect(shell).toMatch(/EXIT=130/);
    expect(locks(join(dir, 'tui'))).toEqual([]);
  });
});
