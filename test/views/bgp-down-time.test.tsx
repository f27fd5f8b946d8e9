// A down session says how long it has been down and how often it dropped, as vtysh's Up/Down and
// connectionsDropped do: the simulated rack gives both, like FRR (UX report finding 25, issue 14 item 9).
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

describe('down BGP sessions on the simulated rack', () => {
  it('show FOR in the pane, and "down since" and the drop count in the detail; the state carries no "(OK)"', async () => {
    const app = await setupApp({ scenario: 'shoot-workers-lost', columns: 120, rows: 40, minutes: 10 });
    await app.write('3');
    const pane = await app.waitFor(/\[3 BGP/);
    const idle = pane.split('\n').filter((l) => /\bIdle\b/.test(l));
    expect(idle.length).toBeGreaterThan(0);
    // FOR is the column after STATE: minutes, not "-".
    for (const row of idle) expect(row).toMatch(/Idle\s+\d+m\s+0\/0/);
    // The remote AS is whole at 120 columns (a 4-byte private AS has 10 digits; the header says AS).
    for (const row of pane.split('\n').filter((l) => /Established/.test(l))) expect(row).toMatch(/ 42\d{8} /);
    await app.write('\r');
    const detail = await app.waitFor(/BGP > Session/);
    expect(detail).toMatch(/state\s+Idle\s/);
    expect(detail).not.toMatch(/\(OK\)/);
    expect(detail).toMatch(/down since\s+\d+m ago/);
    expect(detail).toMatch(/dropped\s+1 time since bgpd started/);
    app.stop();
  });

  it('every down session carries downSince and one drop; a node detail lists it with its time down', async () => {
    const app = await setupApp({ scenario: 'shoot-workers-lost', columns: 120, rows: 40, minutes: 10 });
    const down = app.snapshot().bgp.switches.flatMap((sw) => sw.sessions).filter((s) => s.state !== 'Established');
    expect(down.length).toBeGreaterThan(0);
    for (const s of down) expect(s).toMatchObject({ drops: 1, downSince: expect.any(Number) });
    await app.write('2');
    await app.waitFor(/\[2 Topology/);
    await app.write('/leaf01\r\r');
    const detail = await app.waitFor(/Topology > Node/);
    expect(detail).toMatch(/-> shoot--ops--\S+: Idle down \d+m, dropped 1 time/);
    expect(detail).toMatch(/-> spine: Established up \d+d/);
    app.stop();
  });
});
