// A acknowledges the incident: it is over, the header badge goes and stays gone after r.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

const header = (screen: string) => screen.split('\n')[0] ?? '';

describe('acknowledging the incident', () => {
  it('A ends it: the badge goes, the footer says so, r does not bring it back; its after-incident warnings go, the size drop stays', async () => {
    const { write, waitFor, screen } = await setupApp({ scenario: 'empty-backup-after-restart', minutes: 15, columns: 120, rows: 40 });
    await waitFor(/INCIDENT empty-backup-after-restart[\s\S]*after the incident/);
    await write('A');
    const after = await waitFor(/A: incident empty-backup-after-restart acknowledged: it is over/);
    expect(header(after)).not.toMatch(/INCIDENT/);
    expect(after).not.toMatch(/after the incident/);
    expect(after).toMatch(/CRIT\s+backups/);
    await write('r');
    await waitFor(/r: every source polls now/);
    expect(header(screen())).not.toMatch(/INCIDENT/);
    await write('A');
    await waitFor(/A: no incident is open/);
  });
});
