/**
 * Starting one switch daemon and waiting until it serves. All run in the foreground (no -d daemonising), so the
 * pid the harness records is the daemon itself and Node reaps it (no zombies waiting for a lazy PID 1).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { which } from './availability';
import type { SwitchPaths } from './layout';
import { type Daemon, must, spawnDaemon, tail, waitFor } from './proc';

const IP = which('ip') ?? '/usr/sbin/ip';
const UNSHARE = which('unshare') ?? '/usr/bin/unshare';
export const START_TIMEOUT_MS = 15_000;

/** Called with each daemon as soon as it is spawned, so a failed wait still leaves it in the lab's pid list. */
export type Track = (d: Daemon) => void;

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits for `ready`, failing at once (with the log tail) if the daemon exits first. */
async function ready(d: Daemon, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  await waitFor(
    what,
    () => {
      if (!d.alive()) throw new Error(`${d.name} exited while starting; tail of ${d.logFile}:\n${tail(d.logFile)}`);
      return check();
    },
    START_TIMEOUT_MS,
    d.logFile,
  );
}

/** zebra or bgpd of one switch, with its own pid file, zserv socket and vty dir; no TCP vty (-P 0). */
export async function startFrr(
  kind: 'zebra' | 'bgpd',
  sw: string,
  netns: string,
  p: SwitchPaths,
  track: Track,
): Promise<Daemon> {
  const socket = kind === 'zebra' ? p.zserv : join(p.frr, 'bgpd.vty');
  // A socket left by a killed daemon would make the wait below pass before the new one listens.
  rmSync(socket, { force: true });
  const args = ['netns', 'exec', netns, `/usr/lib/frr/${kind}`, '-F', 'datacenter', '-u', 'frr', '-g', 'frr'];
  args.push('-f', join(p.frr, `${kind}.conf`), '-i', join(p.frr, `${kind}.pid`), '-z', p.zserv);
  args.push('--vty_socket', p.frr, '-P', '0');
  const d = await spawnDaemon(`${sw}/${kind}`, IP, args, join(p.frr, `${kind}.log`));
  track(d);
  await ready(d, `${sw} ${kind} socket ${socket}`, () => isSocket(socket));
  return d;
}

/** lldpd limited to the swp ports, with its own control socket, announcing the switch's name every second. */
export async function startLldpd(sw: string, netns: string, p: SwitchPaths, track: Track): Promise<Daemon> {
  // lldpd's privilege-separated child chroots here; the path is compiled in and shared by all instances.
  mkdirSync('/run/lldpd', { recursive: true });
  rmSync(p.lldpdSocket, { force: true });
  const args = ['netns', 'exec', netns, '/usr/sbin/lldpd', '-d', '-u', p.lldpdSocket, '-I', 'swp*'];
  // -O: this switch's name and interval (layout.ts), not the host's /etc/lldpd.conf and /etc/lldpd.d.
  args.push('-O', p.lldpdConf, '-S', `SONiC lab ${sw}`);
  const d = await spawnDaemon(`${sw}/lldpd`, IP, args, p.lldpdLog);
  track(d);
  await ready(d, `${sw} lldpd socket ${p.lldpdSocket}`, () => isSocket(p.lldpdSocket));
  // The socket comes before the config file is applied: wait until lldpd answers with its switch's name.
  const named = new RegExp(`SysName:\\s+${sw}\\s`);
  await ready(d, `${sw} lldpd configured`, async () => named.test(await lldpcli(netns, p, ['show', 'chassis']).catch(() => '')));
  return d;
}

export function lldpcli(netns: string, p: SwitchPaths, args: readonly string[]): Promise<string> {
  return must(IP, ['netns', 'exec', netns, '/usr/sbin/lldpcli', '-u', p.lldpdSocket, ...args], 10_000);
}

/** sshd (see SSHD_LAUNCHER: own mount namespace with an empty /root), ready when its port accepts. */
export async function startSshd(sw: string, port: number, p: SwitchPaths, track: Track): Promise<Daemon> {
  // Privilege separation needs this dir, root-owned and not group/world writable; a fresh machine may lack it.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const d = await spawnDaemon(`${sw}/sshd`, UNSHARE, ['--mount', '--propagation', 'private', p.sshdLauncher], p.sshdLog);
  track(d);
  await ready(d, `${sw} sshd on 127.0.0.1:${port}`, () => listening(port));
  return d;
}
