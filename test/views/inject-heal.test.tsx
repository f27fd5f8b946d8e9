// The ! menu also heals the simulated rack and cold-boots it.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { SCENARIOS } from '../../src/sim';
import { createSimSource } from '../../src/sources/sim-source';
import { SIM_RESETS } from '../../src/sources/sim-source-contract';
import { RackStore } from '../../src/store/rack-store';
import { App } from '../../views/App';
import { plain, renderThemed } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);
const settle = () => new Promise((r) => setTimeout(r, 30));

async function open() {
  const clock = new VirtualClock(T0);
  const sim = createSimSource({ clock, scenario: 'rack-lost' });
  const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true } });
  store.start();
  await clock.advance(10 * 60_000);
  const ui = renderThemed(<App store={store} readOnly={false} scenarios={[...SCENARIOS, ...SIM_RESETS]} inject={(n) => sim.inject(n as never)} size={{ columns: 100, rows: 30 }} />);
  const screen = () => plain(ui.lastFrame());
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 100 && !pattern.test(screen()); i++) await settle();
    expect(screen()).toMatch(pattern);
    return screen();
  };
  const write = async (k: string) => {
    ui.stdin.write(k);
    await settle();
  };
  return { clock, store, screen, waitFor, write };
}

describe('heal and cold-boot in the ! menu', () => {
  it('heal ends every failure and the incident: no findings; cold-boot powers everything off and it boots again', async () => {
    const { clock, store, waitFor, write } = await open();
    await waitFor(/INCIDENT rack-lost/);
    await write('!');
    const menu = await waitFor(/Inject a failure[\s\S]*heal[\s\S]*cold-boot/);
    expect(menu).toMatch(/heal\s+every failure over/);
    await write('k');
    await write('k');
    await write('\r');
    let s = await waitFor(/no findings: every check passed/);
    expect(s.split('\n')[0]).not.toMatch(/INCIDENT/);
    await write('!');
    await write('k');
    await write('\r');
    await write('2');
    s = await waitFor(/^│\S*\s+router\b.*\bDOWN\b/m);
    expect(s.split('\n')[0]).not.toMatch(/INCIDENT/);
    // Router, switches and the bootstrap node are up within a minute and a half; the machines follow.
    await clock.advance(90_000);
    await waitFor(/^│\S*\s+router\b.*\bup\b/m);
    await store.stop();
  });
});
