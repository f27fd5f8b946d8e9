// Every declared link is in the topology tree (UX finding 26, issue 14 item 9): the dual-homed machines' second
// uplinks, the switches' management ports ("leaf01 ↑ mgmt") and the bootstrap node under the router by its link.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

describe('the topology tree shows every link', () => {
  it('at 80x24: one row per link, the bootstrap node under the router, management links marked', async () => {
    const app = await setupApp({ scenario: 'shoot-workers-lost', columns: 80, rows: 24, minutes: 1 });
    await app.write('2');
    const screen = await app.waitFor(/\[2 Topo/);
    const linkRows = screen.split('\n').filter((l) => /<->/.test(l));
    expect(linkRows).toHaveLength(app.snapshot().topology.links.length);
    expect(screen).toMatch(/└─bootstrap\s+bootstrap\s+up\s+lan3<->eth0 up/);
    expect(screen).toMatch(/├─leaf01 ↑ mgmt\s+leaf\s+up\s+Ethernet2<->eth0 up/);
    expect(screen).toMatch(/├─spine ↑ mgmt\s+spine\s+up\s+lan2<->eth0 up/);
    // The data-plane tree is unchanged: machines under their first leaf, the second uplink as a reference.
    expect(screen).toMatch(/│ │ ├─machine01\s+firewall/);
    expect(screen).toMatch(/│ │ ├─machine01 ↑\s+firewall\s+up\s+Ethernet0<->lan1 up/);
    // Enter on a management reference opens the node it names.
    await app.write('/leaf02 ↑ mgmt\r\r');
    const detail = await app.waitFor(/Topology > Node/);
    expect(detail).toMatch(/│leaf02\s+│/);
    app.stop();
  });
});
