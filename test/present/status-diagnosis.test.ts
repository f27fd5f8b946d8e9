// `rackpilot status` prints the overview's diagnosis: the cause first, what follows indented under it, and area
// lines that never say OK beside a down count. `--json` keeps every finding and adds the grouping.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { summariseAreas } from '../../src/present/area-summary';
import { statusJson } from '../../src/present/status-json';
import { renderStatusReport } from '../../src/present/status-report';
import { EXIT, verdictOf } from '../../src/present/verdict';
import { SCENARIO_LEAD, type ScenarioName } from '../../src/sim/scenarios';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';

/** As `status --scenario` sees it: SCENARIO_LEAD into the incident (commands/open-rack.ts), or just after it started. */
async function statusOf(scenario: ScenarioName, lead = SCENARIO_LEAD) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 3, 0, 0));
  const sim = createSimSource({ clock, scenario, start: clock.now() - lead });
  const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true } });
  store.start();
  await clock.advance(1_000);
  const snapshot = store.getSnapshot();
  await store.stop();
  const areas = summariseAreas(snapshot, snapshot.findings);
  const verdict = verdictOf(snapshot, snapshot.findings);
  const input = { snapshot, areas, findings: snapshot.findings, notices: [], verdict };
  return { snapshot, text: renderStatusReport(input), json: statusJson({ ...input, exitCode: EXIT[verdict] }) };
}

const CAUSES: ReadonlyArray<readonly [ScenarioName, RegExp]> = [
  ['rack-lost', /^CRIT {2}5 hosts down: bootstrap, machine01, machine02, machine03, machine04$/],
  ['shoot-workers-lost', /^CRIT {2}2 hosts down: machine02, machine04$/],
  ['k3s-lost', /^CRIT {2}bootstrap is down \(not reachable\)$/],
  ['empty-backup-after-restart', /^CRIT {2}newest backup of metal-db \(initial metal-stack\) is \d/],
];

describe('status text and JSON carry the diagnosis', () => {
  it.each(CAUSES)('%s: the first finding line names the cause; no area OK beside a down count', async (scenario, cause) => {
    const { text } = await statusOf(scenario);
    const lines = text.split('\n');
    const verdict = lines.findIndex((l) => /^critical: /.test(l));
    expect(lines[verdict + 1]).toMatch(cause);
    const ok = lines.filter((l) => /^[a-z-]+ +OK /.test(l));
    for (const l of ok) {
      expect(l).not.toMatch(/\b[1-9]\d* (down|Dead|Unknown|lost|unreachable)\b/);
      for (const m of l.matchAll(/(\d+)\/(\d+)/g)) expect(Number(m[1]), l).toBe(Number(m[2]));
    }
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
  });

  it('indents what follows from the cause, one line per subject, after what to do first', async () => {
    const { text } = await statusOf('shoot-workers-lost');
    expect(text).toMatch(
      /^ {6}with them: 4 links and 4 BGP sessions down; 2 shoots, 2 control planes and\n {8}\d+ backups affected\n {6}-> bring the hosts back first/m,
    );
    expect(text).toMatch(/^ {6}WARN {2}machine machine02 has stopped phoning home/m);
    expect(text).toMatch(/^ {8}CRIT {2}shoot ops\/garden-cp: EveryNodeReady is False[\s\S]*\(\+\d\s+more on it\)/m);
    expect(text).toMatch(/^ {10}CRIT {2}control plane nested Gardener/m);
  });

  it('names the lost hosts from their links and sessions before metal-api calls them Unknown', async () => {
    const { text } = await statusOf('shoot-workers-lost', 60_000);
    expect(text).toMatch(/^machines +CRIT +4 machines: 4 Alive; 4 allocated; 2 lost$/m);
    expect(text).toMatch(/^CRIT {2}2 hosts down: machine02, machine04\n {6}with them: 4 links and 4 BGP sessions down/m);
    expect(text).toMatch(/^ {8}CRIT {2}BGP session leaf01 -> shoot--ops--garden-cp-group-0-/m);
  });

  it('--json keeps every finding and adds the causes, each finding in exactly one', async () => {
    const { snapshot, json } = await statusOf('rack-lost');
    expect(json.schemaVersion).toBe(1);
    expect(json.findings).toHaveLength(snapshot.findings.length);
    const first = json.causes[0];
    expect(first).toMatchObject({ id: 'hosts-lost', severity: 'critical', summary: expect.stringMatching(/^5 hosts down/) });
    expect(first?.effects).toMatchObject({ hostsDown: 5, machinesDown: 4 });
    const indices = json.causes.flatMap((c) => c.findings.map((f) => f.index)).sort((a, b) => a - b);
    expect(indices).toEqual(json.findings.map((_, i) => i));
    const host = first?.findings[0];
    expect(host?.depth).toBe(0);
    expect(json.findings[host?.index ?? -1]?.rule).toBe('node-down');
  });
});
