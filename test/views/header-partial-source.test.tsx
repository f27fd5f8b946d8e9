// The header does not call an SSH source "ok" while it cannot read a switch (UX finding 27, issue 14 item 8):
// "bgp (ssh) 2/3 read", so a stopped bgpd or a switch SSH cannot reach shows where the data age is.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { BgpSwitch } from '../../src/model/bgp';
import type { Source } from '../../src/sources/source';
import { RackStore } from '../../src/store/rack-store';
import { App } from '../../views/App';
import { plain, renderThemed, tick } from './helpers';

const stores: RackStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.stop();
});

const T0 = Date.UTC(2026, 10, 26, 3, 0, 0);
const sw = (name: string, rest: Partial<BgpSwitch> = {}): BgpSwitch => ({ name, reachable: true, lastSeen: T0, sessions: [], ...rest });

async function header(switches: BgpSwitch[]): Promise<string> {
  const clock = new VirtualClock(T0);
  const source: Source = { name: 'bgp (ssh)', kind: 'ssh', interval: 2_000, poll: async () => ({ bgp: { switches } }), close: async () => undefined };
  const store = new RackStore({ clock, sources: [source], rack: { name: 'lab', simulated: false } });
  stores.push(store);
  store.start();
  await clock.advance(0);
  const ui = renderThemed(<App store={store} readOnly={false} scenarios={[]} size={{ columns: 80, rows: 24 }} />);
  await tick();
  await tick();
  return plain(ui.lastFrame()).split('\n')[0] ?? '';
}

describe('the header on a real rack', () => {
  it('says how many switches the BGP source read when one is not read', async () => {
    const line = await header([sw('spine', { reachable: false, failure: 'bgpd', error: 'bgpd is not running (vtysh exit 1)' }), sw('leaf01'), sw('leaf02')]);
    expect(line).toMatch(/bgp \(ssh\) 2\/3 read \d+[smhd]/);
    expect(line).not.toMatch(/bgp \(ssh\) ok/);
  });

  it('says ok when every switch was read', async () => {
    expect(await header([sw('spine'), sw('leaf01')])).toMatch(/bgp \(ssh\) ok \d+[smhd]/);
  });
});
