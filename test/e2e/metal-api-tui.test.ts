/**
 * The TUI on a stand-in metal-api (the lab's small rack, every body validated against the contract), in tmux at
 * 80x24 as an operator sees it: the Machines pane follows a machine through provisioning, a Dead firewall carries
 * its mark and the server's issue id, the filter finds machines by issue id, and the detail has the timeline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import type { MetalApiServer } from '../helpers/metal-api-server';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, TmuxScreen } from '../helpers/tmux';
import { serveLabWorld } from '../lab/metal-api/serve';
import { LabWorld, PHASES } from '../lab/metal-api/world';

const KEY = 'view-key';
const dir = testDir('rackpilot-metal-api-tui-');
let world: LabWorld;
let server: MetalApiServer;
let config: string;
const screens: TmuxScreen[] = [];

beforeAll(async () => {
  world = new LabWorld();
  server = serveLabWorld(world, KEY);
  const url = await server.listen();
  config = join(dir, 'config.yaml');
  writeFileSync(config, `rack:\n  name: metal-api-tui\nmetalApi:\n  url: ${url}\n  hmacKeyEnv: METAL_VIEW_KEY\n  interval: 500ms\n`);
});
afterAll(() => server.close());
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
  expect(server.violations).toEqual([]);
});

describe.skipIf(!hasTmux)('the TUI on a stand-in metal-api, in tmux at 80x24 (skipped: tmux not installed)', { timeout: 90_000 }, () => {
  it('follows provisioning phase by phase, marks a Dead firewall with its issue id, filters by it, opens the timeline', async () => {
    const t = TmuxScreen.start(80, 24, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '', METAL_VIEW_KEY: KEY });
    screens.push(t);
    t.run(`'${process.execPath}' bin/rackpilot --config '${config}'`);
    await t.keys('4');
    await t.waitFor(/\[4 Machines\][\s\S]*machine04/);
    for (const phase of PHASES) {
      world.event('machine04', phase);
      // The row's LAST EVENT, cut to its column at most: the start of the phase's name.
      await t.waitFor(new RegExp(`machine04 .*${phase.slice(0, 9)}`), 10_000);
    }
    const dead = world.find('firewall01');
    if (dead) dead.liveliness = 'Dead';
    const marked = await t.waitFor(/firewall01 .*Dead .*liveliness-dead/, 10_000);
    // Problems first: the Dead firewall is the top row, marked critical in text.
    expect(marked.split('\n').find((l) => l.includes('firewall01'))).toMatch(/^│.X firewall01/);
    await t.keys('/', ...'liveliness-dead'.split(''), 'Enter');
    const filtered = await t.waitFor(/Machines \(1\)[\s\S]*firewall01/);
    expect(filtered).not.toMatch(/machine0[234]/);
    await t.keys('Escape', 'Escape');
    await t.waitFor(/machine04/);
    await t.keys('G', 'Enter');
    const detail = await t.waitFor(/Machine machine04[\s\S]*Event timeline/);
    for (const phase of ['Phoned Home', 'Booting New Kernel', 'Installing', 'Waiting', 'Registering', 'Preparing']) expect(detail).toContain(phase);
    await t.keys('q');
    await t.waitFor(/PROMPT\$\s*$/m);
  });
});
