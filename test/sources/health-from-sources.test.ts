/** The switch sources feeding the real store and the real health rules, as the TUI and `status` use them. */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { SECOND } from '../../src/model/time';
import { createSwitchSources } from '../../src/sources/ssh/switch-sources';
import { RackStore } from '../../src/store/rack-store';
import { findings, rules, theFinding } from '../health/helpers';
import { type FakeShell, fixture, healthyLabShell, LAB_LINKS, LAB_SWITCHES, sshDown } from './fake-shell';
import { BGPD_DOWN_STDERR, frr, SPINE_BGPD_KILLED } from './frr-fixtures';

const T0 = Date.UTC(2026, 4, 4, 3, 0, 0);
let store: RackStore | undefined;
afterEach(async () => {
  await store?.stop();
  store = undefined;
});

async function snapshotWith(configure: (shell: FakeShell) => void) {
  const clock = new VirtualClock(T0);
  const shell = healthyLabShell(clock);
  configure(shell);
  const { bgp, topology } = createSwitchSources({ switches: LAB_SWITCHES, links: LAB_LINKS, shell, clock });
  store = new RackStore({ clock, sources: [bgp, topology], rack: { name: 'lab', simulated: false } });
  store.start();
  await store.whenSettled();
  await clock.advance(SECOND);
  return store.getSnapshot();
}

describe('health findings from the SSH sources', () => {
  it('finds nothing on the healthy lab', async () => {
    const s = await snapshotWith(() => {});
    expect(s.sources.map((x) => `${x.name} ${x.state}`)).toEqual(['bgp (ssh) ok', 'lldp (ssh) ok']);
    expect(findings(s)).toEqual([]);
  });

  it("finds bgp-session-down for spine -> leaf02 with the spine's capture after leaf02's bgpd was killed", async () => {
    const s = await snapshotWith((shell) => {
      shell.set('spine', 'vtysh', fixture(SPINE_BGPD_KILLED));
      shell.set('leaf02', 'vtysh', { stdout: '', stderr: frr(BGPD_DOWN_STDERR), code: 1 });
    });
    const all = findings(s);
    const v4 = theFinding(all, 'bgp-session-down', 'spine/default/ipv4Unicast/swp2');
    expect(v4).toMatchObject({ severity: 'critical' });
    // The capture's own counters: down since a second, dropped once (bgpd on leaf02 was killed).
    expect(v4.summary).toBe('BGP session spine -> leaf02 (default IPv4 Unicast swp2) is Idle, not Established; down 1s, dropped 1 time');
    theFinding(all, 'bgp-session-down', 'spine/default/l2VpnEvpn/swp2');
    // leaf02 itself answers "bgpd is not running" over SSH: its BGP daemon is down (not the switch), and its own
    // sessions are not judged.
    const leaf02 = theFinding(all, 'bgpd-not-answering', 'leaf02');
    expect(leaf02.summary).toBe('switch leaf02 answers over SSH, but its BGP daemon does not: bgpd is not running (vtysh exit 1); last good read never');
    expect(rules(all).sort()).toEqual(['bgp-session-down', 'bgp-session-down', 'bgpd-not-answering']);
  });

  it('finds switch-unreachable for a switch whose SSH fails, and no link or node alarm for it', async () => {
    const s = await snapshotWith((shell) => {
      shell.set('leaf01', 'vtysh', sshDown('leaf01')).set('leaf01', 'lldpctl', sshDown('leaf01'));
    });
    const all = findings(s);
    const f = theFinding(all, 'switch-unreachable', 'leaf01');
    expect(f).toMatchObject({ severity: 'critical' });
    expect(f.summary).toContain('switch leaf01 cannot be read: cannot connect to 10.0.0.9:22: connection refused');
    // The spine still sees leaf01 over LLDP, and an SSH failure is no proof the switch is down.
    expect(s.topology.nodes.find((n) => n.id === 'leaf01')?.reachability).toBe('unknown');
    expect(s.topology.links.every((l) => l.state === 'up')).toBe(true);
    expect(rules(all)).toEqual(['switch-unreachable']);
  });
});
