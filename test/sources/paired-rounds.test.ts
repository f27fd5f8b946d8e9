import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { Bgp } from '../../src/model/bgp';
import { SECOND } from '../../src/model/time';
import type { Topology } from '../../src/model/topology';
import { createSwitchSources } from '../../src/sources/ssh/switch-sources';
import { pollData } from '../helpers/poll-data';
import { FakeShell, fixture, healthyLabShell, LAB_LINKS, LAB_SWITCHES } from './fake-shell';
import { SPINE_ESTABLISHED } from './frr-fixtures';

const T0 = Date.UTC(2026, 4, 4, 3, 0, 0);

function setup() {
  const clock = new VirtualClock(T0);
  const shell = healthyLabShell(clock);
  const sources = createSwitchSources({ switches: LAB_SWITCHES, links: LAB_LINKS, shell, clock, pairRounds: true });
  return { clock, shell, ...sources };
}

/** The commands each switch was asked for, in the order asked. */
const asked = (shell: FakeShell) => shell.calls.map((c) => `${c.sw} ${c.argv[0]}`);

describe('paired rounds: each switch is asked for BGP and LLDP together, once per interval', () => {
  it("a poll of either source asks every switch for both commands at once; the other's poll then asks for nothing", async () => {
    const { shell, bgp, topology, clock } = setup();
    const bgpData = (await pollData(bgp)).bgp as Bgp;
    expect(asked(shell).sort()).toEqual(['leaf01 lldpctl', 'leaf01 vtysh', 'leaf02 lldpctl', 'leaf02 vtysh', 'spine lldpctl', 'spine vtysh']);
    expect(bgpData.switches.every((s) => s.reachable)).toBe(true);
    // The store's timer for the topology fires a little later: it shows the reads already made, asks for nothing.
    await clock.advance(300);
    const topologyData = (await pollData(topology)).topology as Topology;
    expect(shell.calls).toHaveLength(6);
    expect(topologyData.nodes.every((n) => n.reachability === 'up')).toBe(true);
    expect(topologyData.links.every((l) => l.state === 'up')).toBe(true);

    // One interval on, the topology's timer comes first this time: both commands go again, together.
    await clock.advance(5 * SECOND);
    await pollData(topology);
    expect(asked(shell).slice(6).sort()).toEqual(['leaf01 lldpctl', 'leaf01 vtysh', 'leaf02 lldpctl', 'leaf02 vtysh', 'spine lldpctl', 'spine vtysh']);
    await pollData(bgp);
    expect(shell.calls).toHaveLength(12);
  });

  it('without pairing, a source asks only for its own command', async () => {
    const clock = new VirtualClock(T0);
    const shell = new FakeShell(clock).set('spine', 'vtysh', fixture(SPINE_ESTABLISHED));
    const { bgp } = createSwitchSources({ switches: LAB_SWITCHES.slice(0, 1), links: [], shell, clock });
    await pollData(bgp);
    expect(asked(shell)).toEqual(['spine vtysh']);
  });
});
