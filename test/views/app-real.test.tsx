import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { RackStore } from '../../src/store/rack-store';
import { App } from '../../views/App';
import { plain, renderThemed, tick } from './helpers';

const stores: RackStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.stop();
});

describe('the TUI on a real rack without any source', () => {
  it('shows the config note above the area lines and keeps the frame at the terminal height', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    const store = new RackStore({ clock, sources: [], rack: { name: 'rack-7', simulated: false } });
    stores.push(store);
    store.start();
    const note = 'mode is real but no real source is configured: add switches:, kubernetes:, metalApi: or backups: (see README.md)';
    const ui = renderThemed(<App store={store} readOnly={false} scenarios={[]} notes={[note]} size={{ columns: 80, rows: 24 }} />);
    await tick();
    const lines = plain(ui.lastFrame()).split('\n');
    expect(lines).toHaveLength(24);
    const at = lines.findIndex((l) => l.includes('note: mode is real but no real source is configured'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/topology\s+--\s+no data/);
    expect(lines.at(-1)).not.toMatch(/w wizard|! inject/);
  });

  it('says why w and ! do nothing on a real rack, and why w does nothing in --read-only (a word, not silence)', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    const store = new RackStore({ clock, sources: [], rack: { name: 'rack-7', simulated: false } });
    stores.push(store);
    store.start();
    const ui = renderThemed(<App store={store} readOnly={false} scenarios={[]} size={{ columns: 80, rows: 24 }} />);
    await tick();
    const footer = () => plain(ui.lastFrame()).split('\n').at(-1) ?? '';
    ui.stdin.write('w');
    await tick();
    expect(footer()).toBe('w: real rack: run rackpilot recover, bootstrap or drill --real in a shell');
    ui.stdin.write('!');
    await tick();
    expect(footer()).toBe('!: failures are injected into the simulated rack only');
    // A key that means nothing anywhere stays silent.
    ui.stdin.write('z');
    await tick();
    expect(footer()).toBe('!: failures are injected into the simulated rack only');
    const readOnly = renderThemed(<App store={store} readOnly={true} scenarios={[]} size={{ columns: 80, rows: 24 }} />);
    await tick();
    readOnly.stdin.write('A');
    await tick();
    expect(plain(readOnly.lastFrame()).split('\n').at(-1)).toBe('A: end incident is off in --read-only');
  });
});
