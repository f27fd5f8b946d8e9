import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { LinkConfig, SwitchConfig } from '../../src/config/switches';
import { SECOND } from '../../src/model/time';
import type { Link, Topology } from '../../src/model/topology';
import { FailedRead } from '../../src/sources/source';
import { createSwitchSources } from '../../src/sources/ssh/switch-sources';
import { pollData } from '../helpers/poll-data';
import { FakeShell, fixture, LAB_LINKS, LAB_SWITCHES, sshDown, switchConfig } from './fake-shell';
import { LEAF01_LLDP, LEAF02_LLDP, SPINE_LLDP, SPINE_LLDP_LINK_DOWN } from './frr-fixtures';

const T0 = Date.UTC(2026, 4, 4, 3, 0, 0);
const NO_NEIGHBOURS = { stdout: '{"lldp":{}}' };

function setup(switches: readonly SwitchConfig[] = LAB_SWITCHES, links: readonly LinkConfig[] = LAB_LINKS) {
  const clock = new VirtualClock(T0);
  const shell = new FakeShell(clock)
    .set('spine', 'lldpctl', fixture(SPINE_LLDP))
    .set('leaf01', 'lldpctl', fixture(LEAF01_LLDP))
    .set('leaf02', 'lldpctl', fixture(LEAF02_LLDP));
  const { topology } = createSwitchSources({ switches, links, shell, clock });
  const poll = async (): Promise<Topology> => {
    const data = await pollData(topology);
    await clock.advance(topology.interval);
    return data.topology as Topology;
  };
  return { clock, shell, topology, poll };
}

const states = (t: Topology) => Object.fromEntries(t.links.map((l) => [l.id, `${l.kind} ${l.state}`]));
const nodes = (t: Topology) => Object.fromEntries(t.nodes.map((n) => [n.id, `${n.role} ${n.reachability}`]));

/** An lldpctl -f json entry as SONiC would send it: the port id is the alias, the description free text. */
const entry = (local: string, chassis: string, portId: string, type: string, descr?: string) => ({
  [local]: { via: 'LLDP', chassis: { [chassis]: { id: { type: 'mac', value: `02:00:00:00:00:${local.length}` } } }, port: { id: { type: type, value: portId }, ...(descr ? { descr } : {}) } },
});
const lldpJson = (...entries: object[]) => ({ stdout: JSON.stringify({ lldp: { interface: entries } }) });

describe('topology source (LLDP over a fake SwitchShell)', () => {
  it('is the short-named ssh source "lldp (ssh)"', () => {
    expect(setup().topology).toMatchObject({ name: 'lldp (ssh)', kind: 'ssh', interval: 5 * SECOND });
  });

  it('shows the configured switches up and the declared links up when LLDP on both ends agrees', async () => {
    const t = await setup().poll();
    expect(t.nodes).toEqual([
      { id: 'spine', name: 'spine', role: 'spine', addresses: ['spine.mgmt'], reachability: 'up', neighbourRead: { lastSeen: T0 } },
      { id: 'leaf01', name: 'leaf01', role: 'leaf', addresses: ['leaf01.mgmt'], reachability: 'up', neighbourRead: { lastSeen: T0 } },
      { id: 'leaf02', name: 'leaf02', role: 'leaf', addresses: ['leaf02.mgmt'], reachability: 'up', neighbourRead: { lastSeen: T0 } },
    ]);
    expect(t.links).toEqual<Link[]>([
      { id: 'leaf01:swp1--spine:swp1', a: { node: 'spine', port: 'swp1' }, b: { node: 'leaf01', port: 'swp1' }, kind: 'underlay', state: 'up' },
      { id: 'leaf02:swp1--spine:swp2', a: { node: 'spine', port: 'swp2' }, b: { node: 'leaf02', port: 'swp1' }, kind: 'underlay', state: 'up' },
    ]);
  });

  it('turns a declared link down when LLDP on its ends stops showing it', async () => {
    const { shell, poll } = setup();
    expect(states(await poll())['leaf02:swp1--spine:swp2']).toBe('underlay up');
    shell.set('spine', 'lldpctl', fixture(SPINE_LLDP_LINK_DOWN)).set('leaf02', 'lldpctl', NO_NEIGHBOURS);
    const t = await poll();
    expect(states(t)).toEqual({ 'leaf01:swp1--spine:swp1': 'underlay up', 'leaf02:swp1--spine:swp2': 'underlay down' });
    expect(nodes(t)).toEqual({ spine: 'spine up', leaf01: 'leaf up', leaf02: 'leaf up' });
  });

  it('judges links only by the ends it could read: unknown switch, down if the other end denies, unknown if none', async () => {
    const { shell, poll } = setup();
    await poll();
    shell.set('leaf02', 'lldpctl', sshDown('leaf02'));
    let t = await poll();
    // An SSH failure does not prove the switch is down; the spine still sees leaf02.
    expect(nodes(t).leaf02).toBe('leaf unknown');
    expect(states(t)['leaf02:swp1--spine:swp2']).toBe('underlay up');
    shell.set('spine', 'lldpctl', fixture(SPINE_LLDP_LINK_DOWN));
    t = await poll();
    expect(states(t)['leaf02:swp1--spine:swp2']).toBe('underlay down');
    shell.set('spine', 'lldpctl', { stdout: 'garbage' });
    t = await poll();
    expect(states(t)).toEqual({ 'leaf01:swp1--spine:swp1': 'underlay up', 'leaf02:swp1--spine:swp2': 'underlay unknown' });
    expect(nodes(t)).toEqual({ spine: 'spine unknown', leaf01: 'leaf up', leaf02: 'leaf unknown' });
  });

  it('discovers undeclared links between switches once per cable, whichever end reports it', async () => {
    const t = await setup(LAB_SWITCHES, []).poll();
    expect(states(t)).toEqual({ 'leaf01:swp1--spine:swp1': 'underlay up', 'leaf02:swp1--spine:swp2': 'underlay up' });
    expect(t.links.map((l) => `${l.a.node}:${l.a.port} ${l.b.node}:${l.b.port}`)).toEqual(['spine:swp1 leaf01:swp1', 'spine:swp2 leaf02:swp1']);
  });

  it('treats a cable listed from both ends in the config as one link', async () => {
    const reversed: LinkConfig = { a: { node: 'leaf01', port: 'swp1' }, b: { node: 'spine', port: 'swp1' }, kind: 'underlay' };
    const t = await setup(LAB_SWITCHES, [...LAB_LINKS, reversed]).poll();
    expect(t.links.map((l) => l.id)).toEqual(['leaf01:swp1--spine:swp1', 'leaf02:swp1--spine:swp2']);
  });

  it('adds LLDP neighbours that are not switches as nodes, remembers their links and shows them down when gone', async () => {
    const switches = [switchConfig('spine01', 'spine'), switchConfig('leaf01', 'leaf')];
    const { shell, poll } = setup(switches, []);
    // SONiC announces port aliases (etp1, etp31), so the two ends do not name each other's ports.
    shell.set('leaf01', 'lldpctl', fixture('handcrafted-lldpctl-unnamed-chassis.json'));
    shell.set('spine01', 'lldpctl', lldpJson(entry('Ethernet0', 'leaf01', 'etp31', 'local')));
    let t = await poll();
    expect(states(t)).toEqual({ 'aa:bb:cc:00:00:01:lan0--leaf01:Ethernet0': 'machine up', 'leaf01:Ethernet120--spine01:Ethernet0': 'underlay up' });
    const machine = t.nodes.find((n) => n.id === 'aa:bb:cc:00:00:01');
    expect(machine).toEqual({ id: 'aa:bb:cc:00:00:01', name: 'aa:bb:cc:00:00:01', role: 'neighbor', addresses: [], description: 'metal-hammer', reachability: 'up' });
    shell.set('leaf01', 'lldpctl', lldpJson(entry('Ethernet120', 'spine01', 'etp1', 'local')));
    t = await poll();
    expect(states(t)['aa:bb:cc:00:00:01:lan0--leaf01:Ethernet0']).toBe('machine down');
    expect(nodes(t)['aa:bb:cc:00:00:01']).toBe('neighbor unknown');
    // A new machine on the same port replaces the remembered one: a port holds one cable.
    shell.set('leaf01', 'lldpctl', lldpJson(entry('Ethernet120', 'spine01', 'etp1', 'local'), entry('Ethernet0', 'machine07', 'lan0', 'ifname')));
    t = await poll();
    expect(Object.keys(states(t))).toEqual(['leaf01:Ethernet0--machine07:lan0', 'leaf01:Ethernet120--spine01:Ethernet0']);
  });

  it('matches declared far ports by an ifname port id or the description; other ids may differ, a wrong ifname may not', async () => {
    const switches = [switchConfig('leaf01', 'leaf')];
    const links: LinkConfig[] = [
      { a: { node: 'leaf01', port: 'Ethernet120' }, b: { node: 'router', port: 'lan1' }, kind: 'uplink' },
      { a: { node: 'leaf01', port: 'Ethernet0' }, b: { node: 'machine01', port: 'lan0' }, kind: 'machine' },
      { a: { node: 'leaf01', port: 'Ethernet1' }, b: { node: 'machine02', port: 'lan0' }, kind: 'machine' },
    ];
    const { shell, poll } = setup(switches, links);
    shell.set(
      'leaf01',
      'lldpctl',
      lldpJson(
        entry('Ethernet120', 'router.example.net', 'lan1', 'ifname'),
        entry('Ethernet0', 'machine01', 'aa:bb:cc:00:00:01', 'mac', 'enp1s0'),
        entry('Ethernet1', 'machine02', 'lan1', 'ifname'),
      ),
    );
    let t = await poll();
    expect(states(t)).toEqual({
      'leaf01:Ethernet120--router:lan1': 'uplink up',
      'leaf01:Ethernet0--machine01:lan0': 'machine up',
      // machine02's lan1 is cabled where lan0 was declared: the declared cable is not there, the real one is shown.
      'leaf01:Ethernet1--machine02:lan0': 'machine down',
      'leaf01:Ethernet1--machine02:lan1': 'machine up',
    });
    // The config's link kind names what sits at the far end; the FQDN is matched to the configured name.
    expect(nodes(t)).toEqual({ leaf01: 'leaf up', machine01: 'machine up', machine02: 'machine up', router: 'router up' });
    // Recabled as declared: the port's remembered wrong cable is forgotten, not left behind as down.
    shell.set('leaf01', 'lldpctl', lldpJson(entry('Ethernet1', 'machine02', 'lan0', 'ifname')));
    t = await poll();
    expect(states(t)['leaf01:Ethernet1--machine02:lan0']).toBe('machine up');
    expect(states(t)['leaf01:Ethernet1--machine02:lan1']).toBeUndefined();
  });

  it('keeps ids and order stable from poll to poll', async () => {
    const { poll } = setup(LAB_SWITCHES, []);
    const first = await poll();
    const second = await poll();
    expect(second.links.map((l) => l.id)).toEqual(first.links.map((l) => l.id));
    expect(second.nodes.map((n) => n.id)).toEqual(first.nodes.map((n) => n.id));
  });

  it('fails the poll when LLDP prints garbage or hangs on every switch, each switch node carrying its reason', async () => {
    const { shell, topology, clock } = setup();
    shell.set('spine', 'lldpctl', { stdout: 'not json' }).set('leaf01', 'lldpctl', { hang: true }).set('leaf02', 'lldpctl', { stdout: '{"lldp":{"data":{}}}' });
    const polled = topology.poll(new AbortController().signal).catch((e: unknown) => e);
    await clock.advance(60 * SECOND);
    const error = await polled;
    expect(error).toBeInstanceOf(FailedRead);
    expect((error as FailedRead).message).toMatch(/^all 3 switches failed \(spine: lldpctl: output is not JSON: starts with "not json"; leaf01: no answer within/);
    const t = (error as FailedRead).data.topology as Topology;
    expect(t.nodes.map((n) => [n.id, n.reachability, n.neighbourRead?.error])).toEqual([
      ['spine', 'unknown', 'lldpctl: output is not JSON: starts with "not json"'],
      ['leaf01', 'unknown', expect.stringMatching(/^no answer within [\d.]+ s$/)],
      ['leaf02', 'unknown', 'lldpctl: unexpected output shape: lldp.data is not what lldpctl prints (expected interface)'],
    ]);
  });

  it('marks a switch whose neighbours vanished (none now, some before) and clears it when they return', async () => {
    const { shell, poll } = setup();
    await poll();
    shell.set('spine', 'lldpctl', { stdout: '{"lldp":{}}' });
    const t = await poll();
    expect(t.nodes.find((n) => n.id === 'spine')?.neighbourRead?.vanished).toEqual({ count: 2, lastSeen: T0 });
    shell.set('spine', 'lldpctl', fixture(SPINE_LLDP));
    expect((await poll()).nodes.find((n) => n.id === 'spine')?.neighbourRead?.vanished).toBeUndefined();
  });
});
