/**
 * Leftovers of labs whose test process died before stop(): a lab's namespaces carry its creator's pid in their
 * name, and its temp dir holds a marker (lab.json) with the creator's pid + start time and every daemon pid.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from './availability';
import { run } from './proc';

export const DIR_PREFIX = 'rackpilot-lab-';
/** rplab-<creator pid>-<6 hex>-<switch>, and rplab-probe-<pid>-<6 hex> for the availability probe. */
const NETNS = /^rplab-(?:probe-)?(\d+)-[0-9a-f]{6}(?:-[a-z0-9]+)?$/;

export interface Marker {
  readonly ownerPid: number;
  readonly ownerStart: string;
  readonly namespaces: readonly string[];
  /** Current pid per daemon ("spine/bgpd" → pid), rewritten on every (re)start. */
  readonly pids: Readonly<Record<string, number>>;
}

/** Kernel start time of a process (field 22 of /proc/PID/stat), so a recycled pid is not taken for its owner. */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** A dir without a marker may be a lab being created right now; only an old one is abandoned. */
function youngerThan(dir: string, ms: number): boolean {
  try {
    return Date.now() - statSync(dir).mtimeMs < ms;
  } catch {
    return false;
  }
}

function ownerAlive(pid: number, start?: string): boolean {
  const now = startTime(pid);
  return now !== undefined && (start === undefined || now === start);
}

export function writeMarker(dir: string, marker: Marker): void {
  writeFileSync(join(dir, 'lab.json'), `${JSON.stringify(marker, null, 2)}\n`);
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A recorded pid is only killed while its command line still names the lab's dir (pids get recycled). */
function killIfOurs(pid: number, dir: string): void {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) kill(pid);
  } catch {
    // already gone
  }
}

/** Everything left in a dead lab's namespace is the lab's own (lldpd's helper, an ssh session's shell). */
async function removeNamespace(ip: string, ns: string): Promise<void> {
  const pids = await run(ip, ['netns', 'pids', ns], { timeoutMs: 10_000 });
  for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) kill(Number(pid));
  await run(ip, ['netns', 'del', ns], { timeoutMs: 10_000 });
}

/**
 * Temp dirs named `prefix`… whose creating process is gone: kills the daemons their marker lists, lets `extra`
 * remove what else the lab made (the switch lab's namespaces), then deletes the dir. Shared by the switch lab and
 * the kube lab (test/lab/kube/), which runs as any user. Returns the dirs it removed.
 */
export async function removeDeadLabDirs(
  prefix: string,
  extra?: (marker: Marker | undefined) => Promise<void>,
): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(prefix)) continue;
    const dir = join(tmpdir(), entry);
    const marker = readMarker(dir);
    if (marker ? ownerAlive(marker.ownerPid, marker.ownerStart) : youngerThan(dir, 60_000)) continue;
    for (const pid of Object.values(marker?.pids ?? {})) killIfOurs(pid, dir);
    await extra?.(marker);
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another user's lab (the kube lab runs as any user): not ours to remove.
      continue;
    }
    removed.push(dir);
  }
  return removed;
}

/**
 * Removes namespaces, daemons and temp dirs of labs whose creating process is gone. Labs of live
 * processes (another test file running right now) are left alone. Returns what it removed.
 */
export async function cleanupStaleLabs(): Promise<string[]> {
  const ip = which('ip');
  if (!ip || process.getuid?.() !== 0) return [];
  const removed = await removeDeadLabDirs(DIR_PREFIX, async (marker) => {
    for (const ns of marker?.namespaces ?? []) await removeNamespace(ip, ns);
  });
  const list = await run(ip, ['netns', 'list'], { timeoutMs: 10_000 });
  for (const line of list.stdout.split('\n')) {
    const ns = line.split(' ')[0] ?? '';
    const owner = NETNS.exec(ns)?.[1];
    if (owner === undefined || ownerAlive(Number(owner))) continue;
    await removeNamespace(ip, ns);
    removed.push(ns);
  }
  return removed;
}
