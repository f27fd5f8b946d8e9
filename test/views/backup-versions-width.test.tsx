// A backup's versions at 80 columns during an incident (UX finding 7/22): the distance to the incident is whole
// ("2m before", "43s AFTER"), CHANGE leaves first; at 120 columns CHANGE is back.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

async function versions(columns: number, rows: number): Promise<string[]> {
  const app = await setupApp({ scenario: 'empty-backup-after-restart', columns, rows, minutes: 10 });
  await app.write('6');
  await app.waitFor(/\[6 Backups/);
  await app.write('\r');
  const screen = await app.waitFor(/Backups > Versions/);
  app.stop();
  return screen.split('\n');
}

describe('backup versions by width', () => {
  it('at 80x24 every row shows its distance to the incident whole', async () => {
    const lines = await versions(80, 24);
    const rows = lines.filter((l) => /^│[> ][X! ] 20\d\d-/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toMatch(/ \d+[smhd] (AFTER|before) /);
    expect(lines.find((l) => /TIME \(UTC\)/.test(l))).not.toMatch(/CHANGE/);
  });

  it('at 120x40 CHANGE is shown too', async () => {
    const lines = await versions(120, 40);
    expect(lines.find((l) => /TIME \(UTC\)/.test(l))).toMatch(/SIZE\s+CHANGE\s+VS INCIDENT\s+LOOKS/);
    expect(lines.join('\n')).toMatch(/-19\.1 MB\s+\d+s AFTER EMPTY\?/);
  });
});
