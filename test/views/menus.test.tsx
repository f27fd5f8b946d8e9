// The ! and w menus at 80x24 (UX finding 33): a long name never runs into its description, and the selected
// entry's whole description is shown, wrapped, below the list instead of being cut at the frame.
import { describe, expect, it } from 'vitest';
import { ScenarioMenu } from '../../views/components/ScenarioMenu';
import { setupApp } from './app-setup';
import { plain, renderThemed } from './helpers';

describe('menus at 80x24', () => {
  it('! shows the selected scenario\'s whole description under the list', async () => {
    const app = await setupApp({ columns: 80, rows: 24 });
    await app.write('!');
    await app.waitFor(/Inject failure/);
    await app.write('jjj');
    const screen = await app.waitFor(/> empty-backup-after-restart/);
    const below = screen.replace(/│/g, ' ').replace(/\s+/g, ' ');
    expect(below).toContain('empty-backup-after-restart: the metal-db backup sidecar restarts on a useless data dir and uploads empty backups from then on');
    app.stop();
  });

  it('w: "drill empty-backup-after-restart" keeps a gap before its description, which is shown whole when selected', () => {
    // The w menu's entries as tui-wizards makes them on the simulated rack.
    const entries = [
      { name: 'recover', description: 'guided disaster recovery of this rack (proposes what to restore)' },
      { name: 'bootstrap', description: 'show the MEP-18 bootstrap plan, step by step (dry run)' },
      ...['k3s-lost', 'rack-lost', 'empty-backup-after-restart'].map((s) => ({ name: `drill ${s}`, description: `timed drill of ${s} on a private simulated rack` })),
    ];
    const ui = renderThemed(<ScenarioMenu title="Open a wizard (Enter starts it, Esc closes):" entries={entries} index={4} width={78} />);
    const screen = plain(ui.lastFrame());
    expect(screen).toMatch(/> drill empty-backup-after-restart {2,}timed drill/);
    for (const row of screen.split('\n').filter((l) => /^[> ] (recover|bootstrap|drill)/.test(l))) expect(row).toMatch(/^[> ] \S+( \S+)? {2,}\S/);
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toContain('drill empty-backup-after-restart: timed drill of empty-backup-after-restart on a private simulated rack');
  });
});
