// The overview reads like an incident summary: the cause on the first finding line, what follows under it, and no
// area says OK beside something down. Read from the rendered frame at 80x24, as an operator sees it.
import { describe, expect, it } from 'vitest';
import type { ScenarioName } from '../../src/sim/scenarios';
import { setupApp } from './app-setup';

const CAUSES: ReadonlyArray<readonly [ScenarioName, RegExp]> = [
  ['rack-lost', /CRIT topology +5 hosts down: bootstrap, machine01, machine02,/],
  ['shoot-workers-lost', /CRIT machines +2 hosts down: machine02, machine04/],
  ['k3s-lost', /CRIT topology +bootstrap is down \(not reachable\)/],
  ['empty-backup-after-restart', /CRIT backups +newest backup of metal-db \(initial metal-stack\) is \d/],
];

/** The row right under the list's column titles. */
function firstFindingLine(screen: string): string {
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /SEV +AREA +FINDING/.test(l));
  return lines[header + 1] ?? '';
}

/** Area lines whose word is OK while their counts say something is down, unreachable, lost or short of its total. */
function okBesideDown(screen: string): string[] {
  return screen
    .split('\n')
    .map((l) => l.replace(/^│|│$/g, ''))
    .filter((l) => /^(topology|bgp|machines|shoots|control-planes|backups|sources) +OK /.test(l))
    .filter((l) => /\b[1-9]\d* (down|Dead|Unknown|lost|unreachable)\b/.test(l) || [...l.matchAll(/(\d+)\/(\d+)/g)].some((m) => Number(m[1]) < Number(m[2])));
}

describe('the overview as a diagnosis', () => {
  it.each(CAUSES)('%s: the first finding line names the cause, and no area says OK beside a down count', async (scenario, cause) => {
    const app = await setupApp({ scenario, minutes: 10, columns: 80, rows: 24 });
    const screen = await app.waitFor(/SEV +AREA +FINDING\s*│\n│>/);
    expect(firstFindingLine(screen)).toMatch(cause);
    expect(okBesideDown(screen)).toEqual([]);
    app.stop();
  });

  it('puts what follows from a cause under it, and shows the cause whole with its hint under the list', async () => {
    const app = await setupApp({ scenario: 'shoot-workers-lost', minutes: 10, columns: 80, rows: 24 });
    const screen = await app.waitFor(/2 hosts down/);
    expect(screen).toMatch(/^│bgp +CRIT +17\/21 sessions Established on 3 switches; 4 to lost hosts/m);
    // Each host, then what it took down, before the next host.
    expect(screen).toMatch(/WARN machines +└ machine machine0[24] has stopped phoning home.*\n.*CRIT shoots +└ shoot ops\/garden-cp: EveryNodeReady is False/);
    // The note: the cause, what to do first.
    expect(screen).toMatch(/│\[X\] 2 hosts down: machine02, machine04/);
    expect(screen).toMatch(/│-> bring the hosts back first/);
    app.stop();
  });

  it('Enter on a cause row that names several hosts jumps to the first of them', async () => {
    const app = await setupApp({ scenario: 'rack-lost', minutes: 10, columns: 100, rows: 30 });
    await app.waitFor(/5 hosts down/);
    await app.write('\r');
    await app.waitFor(/\[2 Topology/);
    expect(app.screen()).toMatch(/>.*bootstrap/);
    app.stop();
  });
});
