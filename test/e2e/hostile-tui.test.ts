/**
 * The hostile peer hostnames of the fault report in the TUI, in a real terminal (tmux), over real SSH: the raw
 * bytes the program writes (tmux pipe-pane) carry no escape sequence or control character from the switch, and
 * the BGP pane shows the hostname made visible, on its own row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANSI_HOSTNAME, BIDI_HOSTNAME, CLEAN, HOSTILE_CASES, type HostileCase, NEWLINE_HOSTNAME } from '../fixtures/hostile/mutations';
import { type HostileRack, serveHostileCases } from '../fixtures/hostile/serve';
import { testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, sleep, TmuxScreen } from '../helpers/tmux';

const dir = testDir('rackpilot-hostile-tui-');
const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});
let rack: HostileRack | undefined;

/** The spine's peers carry one hostile hostname each; its swp2 peer (leaf02) is down so the finding names it too. */
function spineSummary(): string {
  const summary = JSON.parse(CLEAN.spine.vtysh === 'hang' ? '' : (CLEAN.spine.vtysh.stdout ?? '')) as { default: Record<string, { peers: Record<string, { hostname: string; state: string }> }> };
  for (const family of Object.values(summary.default)) {
    const { swp1, swp2 } = family.peers;
    if (swp1) swp1.hostname = `${ANSI_HOSTNAME}${BIDI_HOSTNAME}`;
    if (swp2) Object.assign(swp2, { hostname: NEWLINE_HOSTNAME, state: 'Idle' });
  }
  return JSON.stringify(summary);
}

/** All three hostile hostnames at once, served like the suite's cases. */
const COMBINED: HostileCase = { name: 'all hostile hostnames at once', outputs: { spine: { vtysh: { stdout: spineSummary() } } }, exit: 2 };

beforeAll(async () => {
  rack = await serveHostileCases([...HOSTILE_CASES, COMBINED], dir);
});
afterAll(async () => {
  await rack?.server.close();
});

/**
 * Control characters the program itself never writes: Ink writes ESC (its own CSI sequences), CR and LF only.
 * A BEL, backspace, OSC or C1 character in the byte stream can only have come from a switch.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const FOREIGN = /[\u0000-\u0009\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\u001b\]|\u001b\[2J/;

/** Runs the TUI on a config, visits the overview, topology and BGP panes, quits; returns the raw bytes written. */
async function rawSession(configFile: string, name: string): Promise<string> {
  const raw = join(dir, `raw-${name.replace(/\W+/g, '-')}.out`);
  const t = TmuxScreen.start(160, 40, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '', HOME: dir });
  screens.push(t);
  t.tmux('pipe-pane', '-t', t.session, '-o', `cat >> '${raw}'`);
  t.run(`'${process.execPath}' bin/rackpilot --config '${configFile}'`);
  await t.waitFor(/lldp \(ssh\) (ok|ERROR|STALE|\d+\/\d+ read)/, 30_000);
  // A switch that answers garbage leaves the source "2/3 read" (it still reads the others).
  await t.waitFor(/bgp \(ssh\) (ok|ERROR|STALE|\d+\/\d+ read)/, 30_000);
  for (const pane of ['2', '3', '1']) {
    await t.keys(pane);
    await t.waitFor(new RegExp(`\\[${pane} `));
  }
  await t.keys('q');
  await t.waitFor(/PROMPT\$\s*$/m);
  t.kill();
  return readFileSync(raw, 'utf8');
}

describe.skipIf(!hasTmux)('the TUI on hostile peer hostnames (skipped: tmux not installed)', { timeout: 60_000 }, () => {
  it('writes no escape or control character from a switch to the terminal, and keeps each row one row', async () => {
    const raw = join(dir, 'raw.out');
    const t = TmuxScreen.start(160, 40, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '', HOME: dir });
    screens.push(t);
    t.tmux('pipe-pane', '-t', t.session, '-o', `cat >> '${raw}'`);
    t.run(`'${process.execPath}' bin/rackpilot --config '${rack?.configs.get(COMBINED.name)}'`);
    await t.waitFor(/bgp \(ssh\) ok[\s\S]*\[1 Overview X\]/);
    await t.keys('3');
    const screen = await t.waitFor(/\[3 BGP X\][\s\S]*pwned/);
    // The hostnames are shown made visible, each session on one row.
    expect(screen).toContain('leaf01\\x1b[2J\\x1b]0;pwned');
    const forged = screen.split('\n').filter((l) => l.includes('fake injected'));
    expect(forged.length).toBeGreaterThan(0);
    for (const row of forged) expect(row).toContain('leaf01\\nCRIT');
    await t.keys('q');
    await sleep(500);
    const bytes = readFileSync(raw, 'latin1');
    expect(bytes.length).toBeGreaterThan(1000);
    // What the switch sent would be an OSC (window title), a BEL, a full clear, or the bidi override in UTF-8.
    expect(bytes).not.toContain('\u001b]0;pwned');
    expect(bytes).not.toContain('\u0007');
    expect(bytes).not.toContain('\u001b[2J');
    expect(bytes).not.toContain('\u00e2\u0080\u00ae'); // U+202E as UTF-8 bytes read as latin1
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('every frame on "%s" carries nothing from a switch but visible text', async (name, c) => {
    const bytes = await rawSession(rack?.configs.get(c.name) as string, name);
    expect(bytes.length).toBeGreaterThan(1000);
    const foreign = FOREIGN.exec(bytes);
    expect(foreign && JSON.stringify(bytes.slice(Math.max(0, foreign.index - 40), foreign.index + 40))).toBeNull();
    // A newline from a switch would start a row of its own; made visible, "CRIT  fake" follows a literal \n.
    expect(bytes).not.toMatch(/(?<!\\n)CRIT {2}fake injected/);
    if (c.tui) expect(bytes).toContain(c.tui);
  });
});
