import { afterEach, describe, expect, it } from 'vitest';
import { freshConfigHome } from '../helpers/run-cli';
import { hasTmux, TmuxScreen } from '../helpers/tmux';

const screens: TmuxScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.kill();
});

describe.skipIf(!hasTmux)('the control-planes pane in a real terminal under tmux (skipped: tmux not installed)', { timeout: 90_000 }, () => {
  it('7 opens it at 80x24: the MEP-18 chain with where each plane runs; Enter shows a nested plane and its databases', async () => {
    const t = TmuxScreen.start(80, 24, { XDG_CONFIG_HOME: freshConfigHome(), PATH: process.env.PATH ?? '' });
    screens.push(t);
    t.run(`'${process.execPath}' bin/rackpilot`);
    await t.waitFor(/\[1 Overview\][\s\S]*no findings/);
    await t.keys('7');
    const list = await t.waitFor(/\[7 Control planes\][\s\S]*nested Gardener/);
    expect(list).toMatch(/k3s\s+initial node bootstrap\s+up/);
    expect(list).toMatch(/initial metal-stack\s+initial k3s\s+up/);
    expect(list).toMatch(/nested metal-stack\s+nested\s+shoot ops\/metal-cp\s+up/);
    await t.keys('j', 'j', 'j', 'Enter');
    const detail = await t.waitFor(/Control plane nested metal-stack[\s\S]*Databases and their backups/);
    expect(detail).toMatch(/runs on\s+shoot ops\/metal-cp/);
    expect(detail).toMatch(/metal-db\s+rethinkdb\s+newest/);
    await t.keys('Escape', 'q');
    await t.waitFor(/PROMPT\$ .*bin\/rackpilot[\s\S]*PROMPT\$\s*$/m);
  });
});
