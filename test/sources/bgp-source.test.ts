import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import type { BgpSwitch } from '../../src/model/bgp';
import { SECOND } from '../../src/model/time';
import type { Source } from '../../src/sources/source';
import { createSwitchSources } from '../../src/sources/ssh/switch-sources';
import { pollData } from '../helpers/poll-data';
import { FakeShell, fixture, LAB_LINKS, LAB_SWITCHES, type Reply, sshDown, switchConfig } from './fake-shell';
import { BGPD_DOWN_STDERR, frr, LEAF01_BGP, LEAF02_BGP, SPINE_BGPD_KILLED, SPINE_ESTABLISHED } from './frr-fixtures';

const T0 = Date.UTC(2026, 4, 4, 3, 0, 0);
const SSH = { connectTimeout: 2 * SECOND, commandTimeout: 3 * SECOND };

function setup(switches = LAB_SWITCHES) {
  const clock = new VirtualClock(T0);
  const shell = new FakeShell(clock)
    .set('spine', 'vtysh', fixture(SPINE_ESTABLISHED))
    .set('leaf01', 'vtysh', fixture(LEAF01_BGP))
    .set('leaf02', 'vtysh', fixture(LEAF02_BGP));
  const { bgp } = createSwitchSources({ switches, links: LAB_LINKS, shell, clock, ssh: SSH });
  return { clock, shell, bgp };
}

async function poll(source: Source, signal = new AbortController().signal): Promise<BgpSwitch[]> {
  return [...((await pollData(source, signal)).bgp?.switches ?? [])];
}

const byName = (switches: readonly BgpSwitch[], name: string) => switches.find((s) => s.name === name) as BgpSwitch;

describe('BGP source over a fake SwitchShell', () => {
  it('is a short-named ssh source polled at the smallest switch interval, with room for the SSH limits', () => {
    const { bgp } = setup([switchConfig('spine', 'spine', 10 * SECOND), switchConfig('leaf01', 'leaf', 2 * SECOND)]);
    expect(bgp).toMatchObject({ name: 'bgp (ssh)', kind: 'ssh', interval: 2 * SECOND });
    // connect 2 s + command 3 s + 1 s before a read counts as unanswered, 2 s more for the whole poll.
    expect(bgp.timeout).toBe(8 * SECOND);
  });

  it('reads every switch: all reachable, their sessions, lastSeen now', async () => {
    const { bgp, shell } = setup();
    const switches = await poll(bgp);
    expect(switches.map((s) => [s.name, s.reachable, s.lastSeen, s.sessions.length])).toEqual([
      ['spine', true, T0, 4],
      ['leaf01', true, T0, 2],
      ['leaf02', true, T0, 2],
    ]);
    expect(byName(switches, 'spine')).toMatchObject({ routerId: '10.255.255.1', as: 4200000001 });
    expect(byName(switches, 'spine').error).toBeUndefined();
    expect(switches.flatMap((s) => s.sessions).every((s) => s.state === 'Established')).toBe(true);
    expect(shell.calls.map((c) => c.argv)).toEqual(LAB_SWITCHES.map(() => ['vtysh', '-c', 'show bgp vrf all summary json']));
  });

  const failures: Array<[string, Reply, string]> = [
    ['SSH fails', sshDown('leaf02'), 'cannot connect to 10.0.0.9:22: connection refused'],
    ['vtysh exits 1 because bgpd is down', { stdout: '', stderr: frr(BGPD_DOWN_STDERR), code: 1 }, 'bgpd is not running (vtysh exit 1)'],
    ['vtysh prints garbage', { stdout: '{"default":{"ipv4Unic' }, 'vtysh: output is not JSON (truncated?)'],
    ['vtysh prints nothing but warns', { stdout: '', stderr: "% Can't open configuration file /etc/frr/vtysh.conf\n" }, "vtysh: output is empty (stderr: % Can't open configuration file /etc/frr/vtysh.conf)"],
    ['the command dies on a signal', { stdout: '', code: null }, 'vtysh ended without an exit status (killed, or the session was cut off)'],
    ['the command is cut off after part of its JSON', { stdout: '{', code: null }, 'vtysh ended without an exit status (killed, or the session was cut off)'],
  ];
  it.each(failures)('%s: only that switch fails, with the reason; its last good data and lastSeen stay', async (_what, reply, reason) => {
    const { bgp, shell, clock } = setup();
    const first = await poll(bgp);
    await clock.advance(5 * SECOND);
    shell.set('leaf02', 'vtysh', reply).set('spine', 'vtysh', fixture(SPINE_BGPD_KILLED));
    const second = await poll(bgp);
    const leaf02 = byName(second, 'leaf02');
    expect(leaf02).toMatchObject({ reachable: false, error: reason, lastSeen: T0 });
    expect(leaf02.sessions).toEqual(byName(first, 'leaf02').sessions);
    expect(byName(second, 'spine')).toMatchObject({ reachable: true, lastSeen: T0 + 5 * SECOND });
    expect(byName(second, 'spine').sessions.find((s) => s.neighbor === 'swp2')?.state).toBe('Idle');
    expect(byName(second, 'leaf01')).toMatchObject({ reachable: true, lastSeen: T0 + 5 * SECOND });
  });

  it('recovers: the failed switch is reachable again with fresh data and no error', async () => {
    const { bgp, shell, clock } = setup();
    await poll(bgp);
    await clock.advance(5 * SECOND);
    shell.set('leaf01', 'vtysh', sshDown('leaf01'));
    expect(byName(await poll(bgp), 'leaf01').reachable).toBe(false);
    await clock.advance(5 * SECOND);
    shell.set('leaf01', 'vtysh', fixture(LEAF01_BGP));
    const leaf01 = byName(await poll(bgp), 'leaf01');
    expect(leaf01).toMatchObject({ reachable: true, lastSeen: T0 + 10 * SECOND });
    expect(leaf01.error).toBeUndefined();
  });

  it('fails the poll when no switch answers (the source read nothing), still carrying each switch and its reason', async () => {
    const { bgp, shell } = setup();
    for (const sw of ['spine', 'leaf01', 'leaf02']) shell.set(sw, 'vtysh', sshDown(sw));
    await expect(bgp.poll(new AbortController().signal)).rejects.toThrow(
      'all 3 switches failed (spine: cannot connect to 10.0.0.9:22: connection refused; leaf01: cannot connect',
    );
    const switches = await poll(bgp);
    expect(switches.map((s) => [s.name, s.reachable, s.lastSeen, s.sessions.length])).toEqual([
      ['spine', false, undefined, 0],
      ['leaf01', false, undefined, 0],
      ['leaf02', false, undefined, 0],
    ]);
    expect(byName(switches, 'leaf01').error).toBe('cannot connect to 10.0.0.9:22: connection refused');
  });

  it('reads each switch at its own interval, and all of them when polled early (the r key)', async () => {
    const { bgp, shell, clock } = setup([switchConfig('spine', 'spine', 1 * SECOND), switchConfig('leaf01', 'leaf', 3 * SECOND)]);
    shell.set('spine', 'vtysh', fixture(SPINE_ESTABLISHED)).set('leaf01', 'vtysh', fixture(LEAF01_BGP));
    const seen: Array<[number, number | undefined]> = [];
    for (let i = 0; i < 7; i++) {
      const switches = await poll(bgp);
      seen.push([byName(switches, 'spine').lastSeen as number, byName(switches, 'leaf01').lastSeen]);
      await clock.advance(bgp.interval);
    }
    expect(shell.callsTo('spine', 'vtysh')).toBe(7);
    expect(shell.callsTo('leaf01', 'vtysh')).toBe(3); // t = 0, 3, 6 s
    expect(seen[2]).toEqual([T0 + 2 * SECOND, T0]);
    // A poll sooner than the interval after the last one is an operator's refresh: everything is read.
    await poll(bgp);
    await clock.advance(100);
    await poll(bgp);
    expect(shell.callsTo('leaf01', 'vtysh')).toBe(4);
  });

  it('marks a switch that never answers as failed after answerWithin, without holding back the others', async () => {
    const { bgp, shell, clock } = setup();
    await poll(bgp);
    await clock.advance(5 * SECOND);
    shell.set('leaf02', 'vtysh', { hang: true, ignoreAbort: true });
    const slow = poll(bgp);
    let settled = false;
    void slow.then(() => {
      settled = true;
    });
    await clock.advance(4.9 * SECOND);
    expect(settled).toBe(false);
    await clock.advance(0.1 * SECOND); // one interval: the others are shown, leaf02 keeps its last state
    const second = await slow;
    expect(byName(second, 'spine').lastSeen).toBe(T0 + 5 * SECOND);
    expect(byName(second, 'leaf02')).toMatchObject({ reachable: true, lastSeen: T0 });
    await clock.advance(5 * SECOND); // 10 s after the read started: past answerWithin (6 s)
    const next = poll(bgp);
    await clock.advance(5 * SECOND);
    const third = await next;
    expect(byName(third, 'leaf02')).toMatchObject({ reachable: false, error: 'no answer within 6 s', lastSeen: T0 });
    expect(byName(third, 'spine').lastSeen).toBe(T0 + 15 * SECOND);
    // The abandoned read is not repeated while it hangs, but a new one starts once it was given up.
    expect(shell.callsTo('leaf02', 'vtysh')).toBe(3);
  });

  it('shows an answer that came after the poll stopped waiting with the next poll', async () => {
    const { bgp, shell, clock } = setup([switchConfig('spine', 'spine', 2 * SECOND), switchConfig('leaf02', 'leaf', 2 * SECOND)]);
    await poll(bgp);
    await clock.advance(2 * SECOND);
    shell.set('leaf02', 'vtysh', { stdout: '', stderr: frr(BGPD_DOWN_STDERR), code: 1, after: 3 * SECOND });
    const second = poll(bgp);
    await clock.advance(2 * SECOND); // the poll waits 2 s at least
    expect(byName(await second, 'leaf02')).toMatchObject({ reachable: true, lastSeen: T0 });
    await clock.advance(2 * SECOND);
    const next = poll(bgp);
    await clock.advance(2 * SECOND);
    const third = await next;
    expect(byName(third, 'leaf02')).toMatchObject({ reachable: false, error: 'bgpd is not running (vtysh exit 1)', lastSeen: T0 });
  });

  it('waits on the first poll until every switch answered or ran out of time', async () => {
    const { bgp, shell, clock } = setup();
    shell.set('leaf01', 'vtysh', { ...fixture(LEAF01_BGP), after: 4 * SECOND }).set('leaf02', 'vtysh', { hang: true });
    const first = poll(bgp);
    await clock.advance(6 * SECOND);
    const switches = await first;
    expect(byName(switches, 'leaf01')).toMatchObject({ reachable: true, lastSeen: T0 + 4 * SECOND });
    expect(byName(switches, 'leaf02')).toMatchObject({ reachable: false, error: 'no answer within 6 s' });
    expect(shell.calls.find((c) => c.sw === 'leaf02')?.signal?.aborted).toBe(true);
  });

  it('honours the abort signal: rejects at once, aborts the reads, and reads again on the next poll', async () => {
    const { bgp, shell } = setup();
    shell.set('leaf02', 'vtysh', { hang: true, ignoreAbort: true });
    const controller = new AbortController();
    const pending = bgp.poll(controller.signal);
    await Promise.resolve();
    const reason = new Error('source bgp (ssh) timed out after 8000 ms');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(shell.calls.every((c) => c.signal?.aborted)).toBe(true);
    shell.set('leaf02', 'vtysh', fixture(LEAF02_BGP));
    const switches = await poll(bgp);
    expect(byName(switches, 'leaf02').reachable).toBe(true);
    expect(shell.callsTo('leaf02', 'vtysh')).toBe(2);
  });

  it('rejects a poll whose signal is already aborted without running anything', async () => {
    const { bgp, shell } = setup();
    await expect(bgp.poll(AbortSignal.abort(new Error('stopped')))).rejects.toThrow('stopped');
    expect(shell.calls).toEqual([]);
  });

  it('runs the configured command, e.g. through docker exec, and names vtysh in errors', async () => {
    const sw = { ...switchConfig('leaf01', 'leaf'), commands: { bgp: ['docker', 'exec', 'bgp', 'vtysh', '-c', 'show bgp vrf all summary json'], lldp: ['lldpctl', '-f', 'json0'] } };
    const clock = new VirtualClock(T0);
    const shell = new FakeShell(clock).set('leaf01', 'docker' as 'vtysh', { stdout: '<html>' });
    const { bgp } = createSwitchSources({ switches: [sw], links: [], shell, clock });
    expect(byName(await poll(bgp), 'leaf01').error).toBe('vtysh: output is HTML, not JSON');
    expect(shell.calls[0]?.argv).toEqual(sw.commands.bgp);
  });

  it('marks a switch whose sessions vanished (a valid summary with none, where the last had some)', async () => {
    const { bgp, shell, clock } = setup();
    await poll(bgp);
    await clock.advance(bgp.interval);
    shell.set('leaf01', 'vtysh', { stdout: '{"default":{}}' });
    const leaf01 = byName(await poll(bgp), 'leaf01');
    expect(leaf01).toMatchObject({ reachable: true, sessions: [], vanished: { count: 2, lastSeen: T0 } });
  });
});
