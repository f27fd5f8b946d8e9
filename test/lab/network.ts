/** The lab's cabling: one network namespace per switch, one veth pair per cable, all ports up. */
import { which } from './availability';
import { must, run } from './proc';
import { CABLES, SWITCHES, type SwitchName } from './topology';

const IP = which('ip') ?? '/usr/sbin/ip';

/**
 * Creates the namespaces (loopback up with the router id) and the cables. Each veth is created with both ends
 * already in their namespaces and named as on the switch (swp1…), so no interface ever appears on the host and
 * no host-side name can clash with another run's.
 */
export async function createNetwork(netnsOf: (n: SwitchName) => string): Promise<void> {
  for (const sw of SWITCHES) {
    const ns = netnsOf(sw.name);
    await must(IP, ['netns', 'add', ns]);
    await must(IP, ['-n', ns, 'link', 'set', 'lo', 'up']);
    await must(IP, ['-n', ns, 'addr', 'add', `${sw.routerId}/32`, 'dev', 'lo']);
  }
  for (const c of CABLES) {
    const [a, b] = [netnsOf(c.a), netnsOf(c.b)];
    await must(IP, ['link', 'add', c.aPort, 'netns', a, 'type', 'veth', 'peer', 'name', c.bPort, 'netns', b]);
    await must(IP, ['-n', a, 'link', 'set', c.aPort, 'up']);
    await must(IP, ['-n', b, 'link', 'set', c.bPort, 'up']);
  }
}

/** Deletes the namespaces (which also destroys their veths); ones that do not exist are no error. */
export async function deleteNamespaces(namespaces: readonly string[]): Promise<void> {
  for (const ns of namespaces) await run(IP, ['netns', 'del', ns], { timeoutMs: 10_000 });
}

/** Runs a program inside a switch's namespace; rejects with its stderr when it fails. */
export function netnsExec(ns: string, args: readonly string[], timeoutMs = 15_000): Promise<string> {
  return must(IP, ['netns', 'exec', ns, ...args], timeoutMs);
}
