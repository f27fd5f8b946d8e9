/**
 * The switch lab for tests: spine, leaf01 and leaf02 as network namespaces joined by veth pairs, each with real
 * FRR (zebra + bgpd, eBGP unnumbered), lldpd and its own sshd on 127.0.0.1 whose sessions run in the switch's
 * namespace. Ported from the recipe in /work/shared/lab (lab.sh + notes); needs root (see labAvailability).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lldpcli, startFrr, startLldpd, startSshd, type Track } from './daemons';
import { switchPaths, writeLabFiles } from './layout';
import { createNetwork, deleteNamespaces, netnsExec } from './network';
import { type Daemon, freePorts, run, stopDaemons, waitFor } from './proc';
import { DIR_PREFIX, startTime, writeMarker } from './stale';
import { SWITCHES, type SwitchName } from './topology';

export { type Availability, labAvailability } from './availability';
export { cleanupStaleLabs } from './stale';
export type { SwitchName } from './topology';

export interface LabSwitch {
  readonly name: SwitchName;
  /** sshd port on 127.0.0.1. */
  readonly port: number;
  readonly asn: number;
  /** "ssh-ed25519 AAAA…": the switch's host key, also in `knownHosts`. */
  readonly hostKeyPub: string;
}

export interface Lab {
  readonly dir: string;
  readonly knownHosts: string;
  readonly identityFile: string;
  readonly switches: readonly LabSwitch[];
  stopBgpd(name: SwitchName): Promise<void>;
  startBgpd(name: SwitchName): Promise<void>;
  stopSshd(name: SwitchName): Promise<void>;
  startSshd(name: SwitchName): Promise<void>;
  /** Every spine peer (ipv4 unicast and l2vpn evpn) Established, as the spine's vtysh sees it. */
  waitEstablished(timeoutMs?: number): Promise<void>;
  /** vtysh -c COMMAND on the switch; rejects with vtysh's stderr when it fails (e.g. "bgpd is not running"). */
  vtysh(name: SwitchName, command: string): Promise<string>;
  /** Kills the daemons this lab started, deletes its namespaces and dir. Safe to call more than once. */
  stop(): Promise<void>;
}

type PeerStates = Record<string, string>;

/** "vrf/family/peer" → state from `show bgp vrf all summary json`. */
function peerStates(json: string): PeerStates {
  const states: PeerStates = {};
  const vrfs = JSON.parse(json) as Record<string, Record<string, { peers?: Record<string, { state?: string }> }>>;
  for (const [vrf, families] of Object.entries(vrfs)) {
    for (const [family, summary] of Object.entries(families ?? {})) {
      for (const [peer, info] of Object.entries(summary?.peers ?? {})) states[`${vrf}/${family}/${peer}`] = `${info.state}`;
    }
  }
  return states;
}

export async function startLab(options: { name?: string } = {}): Promise<Lab> {
  const label = (options.name ?? '').replace(/[^A-Za-z0-9-]/g, '').slice(0, 24);
  const dir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${label ? `${label}-` : ''}`));
  // The creator's pid in every namespace name lets cleanupStaleLabs tell a dead run's lab from a live one.
  const id = randomBytes(3).toString('hex');
  const netnsOf = (n: SwitchName) => `rplab-${process.pid}-${id}-${n}`;
  const namespaces = SWITCHES.map((s) => netnsOf(s.name));
  const paths = (n: SwitchName) => switchPaths(dir, n);
  const daemons = new Map<string, Daemon>();
  const record = () => {
    const pids = Object.fromEntries([...daemons].map(([k, d]) => [k, d.pid]));
    writeMarker(dir, { ownerPid: process.pid, ownerStart: startTime(process.pid) ?? '', namespaces, pids });
  };
  let stopping: Promise<void> | undefined;
  const track: Track = (d) => {
    daemons.set(d.name, d);
    record();
    // A start still under way when stop() began: its daemon must not outlive the lab.
    if (stopping) void stopDaemons([d]);
  };
  record();

  const stop = () => {
    stopping ??= (async () => {
      await stopDaemons([...daemons.values()], 5_000);
      await deleteNamespaces(namespaces);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const ports = await freePorts(SWITCHES.length).catch(async (e) => {
    await stop();
    throw e;
  });
  const plan = SWITCHES.map((spec, i) => ({ spec, port: ports[i] ?? 0, netns: netnsOf(spec.name) }));
  // allSettled: on a failure, stop() must not run while the other switches' daemons are still being spawned.
  const each = async (start: (n: SwitchName, ns: string, port: number) => Promise<unknown>) => {
    const results = await Promise.allSettled(plan.map(({ spec, netns, port }) => start(spec.name, netns, port)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  let files: Awaited<ReturnType<typeof writeLabFiles>>;
  try {
    files = await writeLabFiles(dir, plan);
    await createNetwork(netnsOf);
    await each((n, ns) => startFrr('zebra', n, ns, paths(n), track));
    await each((n, ns) => startFrr('bgpd', n, ns, paths(n), track));
    await each((n, ns) => startLldpd(n, ns, paths(n), track));
    await each((n, _ns, port) => startSshd(n, port, paths(n), track));
    // Neighbours at once instead of after the first tx interval.
    await each((n, ns) => lldpcli(ns, paths(n), ['update']));
  } catch (error) {
    await stop();
    throw error;
  }

  const portOf = (n: SwitchName) => plan.find((p) => p.spec.name === n)?.port ?? 0;
  const guard = (what: string) => {
    if (stopping) throw new Error(`${what}: the lab is stopped`);
  };
  const stopOne = async (key: string) => {
    const d = daemons.get(key);
    if (d) await stopDaemons([d]);
  };
  const startOne = async (key: string, start: () => Promise<Daemon>) => {
    guard(`start ${key}`);
    if (!daemons.get(key)?.alive()) await start();
  };
  const vtysh = (n: SwitchName, command: string, timeoutMs?: number) =>
    netnsExec(netnsOf(n), ['/usr/bin/vtysh', '--vty_socket', paths(n).frr, '-c', command], timeoutMs);

  return {
    dir,
    knownHosts: files.knownHosts,
    identityFile: files.identityFile,
    switches: plan.map(({ spec, port }, i) => {
      return { name: spec.name, port, asn: spec.asn, hostKeyPub: files.hostKeys[i] ?? '' };
    }),
    stopBgpd: (n) => stopOne(`${n}/bgpd`),
    startBgpd: (n) => startOne(`${n}/bgpd`, () => startFrr('bgpd', n, netnsOf(n), paths(n), track)),
    // Like a switch whose SSH service goes away: the listener and every open session (a pooled connection
    // would otherwise live on in its per-connection sshd, a child of the listener).
    stopSshd: async (n) => {
      const listener = daemons.get(`${n}/sshd`);
      if (listener?.alive()) await run('pkill', ['-KILL', '-P', String(listener.pid)], { timeoutMs: 5_000 });
      await stopOne(`${n}/sshd`);
    },
    startSshd: (n) => startOne(`${n}/sshd`, () => startSshd(n, portOf(n), paths(n), track)),
    vtysh: (n, command) => vtysh(n, command),
    waitEstablished: async (timeoutMs = 30_000) => {
      guard('waitEstablished');
      const expected = SWITCHES.find((s) => s.name === 'spine')?.ports ?? [];
      let seen: PeerStates = {};
      const check = async () => {
        seen = await vtysh('spine', 'show bgp vrf all summary json', 5_000).then(peerStates, () => ({}));
        const states = Object.entries(seen);
        const present = expected.every((p) => seen[`default/ipv4Unicast/${p}`] !== undefined);
        return present && states.every(([, state]) => state === 'Established');
      };
      const what = () => `spine BGP peers Established (last seen: ${JSON.stringify(seen)})`;
      await waitFor(what, check, timeoutMs, join(paths('spine').frr, 'bgpd.log'));
    },
    stop,
  };
}
