/**
 * Can this machine run the switch lab? Needs root, network namespaces with veth, and the Debian packages frr,
 * lldpd and openssh-server (installed here on demand when apt-get is there, as on a fresh CI machine).
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from './proc';

export type Availability = { ok: true } | { ok: false; reason: string };

const REQUIRED = [
  '/usr/lib/frr/zebra',
  '/usr/lib/frr/bgpd',
  '/usr/bin/vtysh',
  '/usr/sbin/lldpd',
  '/usr/sbin/lldpcli',
  '/usr/sbin/sshd',
  'ssh-keygen',
  // The smoke test and later lab tests talk to the switches through the real client.
  'ssh',
  // iproute2 (a dependency of frr) and util-linux's unshare (sshd's private /root).
  'ip',
  'unshare',
];
const PACKAGES = ['frr', 'lldpd', 'openssh-server'];
const INSTALL_TIMEOUT_MS = 6 * 60_000;
// A fresh VM may be running unattended-upgrades: wait for its dpkg lock instead of failing at once.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=120'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of a program, looking up bare names on PATH plus the sbin dirs root normally has. */
export function which(program: string): string | undefined {
  if (program.startsWith('/')) return executable(program) ? program : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  return dirs.filter(Boolean).map((d) => join(d, program)).find(executable);
}

const missing = () => REQUIRED.filter((p) => !which(p));

/** Creates and deletes a throw-away namespace holding a veth pair: the exact kernel features the lab uses. */
async function probeNetns(): Promise<string | undefined> {
  const ip = which('ip');
  if (!ip) return 'the `ip` program (iproute2) is not installed';
  const ns = `rplab-probe-${process.pid}-${randomBytes(3).toString('hex')}`;
  const add = await run(ip, ['netns', 'add', ns], { timeoutMs: 10_000 });
  if (!add.ok) return `\`ip netns add\` failed: ${add.stderr.trim() || add.error}`;
  try {
    const veth = await run(ip, ['-n', ns, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1']);
    if (!veth.ok) return `cannot create a veth pair: ${veth.stderr.trim() || veth.error}`;
    return undefined;
  } finally {
    await run(ip, ['netns', 'del', ns], { timeoutMs: 10_000 });
  }
}

/** apt-get update + install, both inside one overall time budget; returns an error text or undefined. */
async function aptInstall(aptGet: string): Promise<string | undefined> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  const update = await run(aptGet, [...LOCK_WAIT, 'update'], { env, timeoutMs: deadline - Date.now() });
  if (!update.ok) return `apt-get update failed: ${(update.stderr.trim() || update.error || '').slice(-500)}`;
  const install = await run(aptGet, [...LOCK_WAIT, 'install', '-y', ...PACKAGES], { env, timeoutMs: deadline - Date.now() });
  if (!install.ok) return `apt-get install failed: ${(install.stderr.trim() || install.error || '').slice(-500)}`;
  return undefined;
}

/** Missing programs, installed with apt-get where possible; returns a reason when some are still missing. */
async function ensurePrograms(): Promise<string | undefined> {
  if (missing().length === 0) return undefined;
  const aptGet = which('apt-get');
  if (!aptGet) return `missing ${missing().join(', ')} and no apt-get to install them`;
  const failed = await aptInstall(aptGet);
  const still = missing();
  return still.length === 0 ? undefined : `missing ${still.join(', ')}${failed ? ` (${failed})` : ''}`;
}

async function check(): Promise<Availability> {
  const uid = process.getuid?.();
  if (uid !== 0) return { ok: false, reason: `needs root (running as uid ${uid ?? 'unknown'})` };
  // Probe before installing when `ip` is there: no point in a minutes-long install where namespaces are refused.
  const probedFirst = which('ip') !== undefined;
  const early = probedFirst ? await probeNetns() : undefined;
  if (early) return { ok: false, reason: early };
  const programs = await ensurePrograms();
  if (programs) return { ok: false, reason: programs };
  const late = probedFirst ? undefined : await probeNetns();
  return late ? { ok: false, reason: late } : { ok: true };
}

let memo: Promise<Availability> | undefined;

/** Memoised: the probe (and a possible install) runs once per process. */
export function labAvailability(): Promise<Availability> {
  memo ??= check();
  return memo;
}
