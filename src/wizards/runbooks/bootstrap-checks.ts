import { counted, noun } from '../../text/count';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { RackSnapshot } from '../../model/snapshot';
import { nameList } from './scenario-facts';
import type { CheckResult } from '../engine/types';

/** Checks of the bootstrap runbook, read from the snapshot (and PATH for the tools). */

const ok = (detail: string): CheckResult => ({ ok: true, detail });
const fail = (detail: string): CheckResult => ({ ok: false, detail });

/** Every command's program is on PATH. The sim needs none: its actions run in-process. */
export function toolsPresent(target: 'sim' | 'real', commands: readonly (readonly string[])[], path = process.env.PATH ?? ''): CheckResult {
  if (target === 'sim') return ok('simulated rack: no local tools needed');
  const tools = [...new Set(commands.map((c) => c[0]).filter((t): t is string => t !== undefined))];
  const missing = tools.filter((t) => !onPath(t, path));
  return missing.length ? fail(`not found on PATH: ${missing.join(', ')}`) : ok(`found ${tools.join(', ')}`);
}

function onPath(tool: string, path: string): boolean {
  const candidates = isAbsolute(tool) ? [tool] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, tool));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function backupStoresSafe(s: RackSnapshot): CheckResult {
  if (s.backups.length === 0) return fail('no backup components configured');
  const inside = s.backups.filter((b) => !b.store.outsideRack);
  if (inside.length) return fail(`stored inside the rack: ${nameList(inside.map((b) => b.id))}`);
  const unversioned = s.backups.filter((b) => b.tool === 'backup-restore-sidecar' && b.store.provider !== 'local' && b.store.versioning !== 'Enabled');
  if (unversioned.length) return fail(`bucket versioning not Enabled for ${nameList(unversioned.map((b) => `${b.id} (${b.store.bucket})`))}`);
  const buckets = [...new Set(s.backups.map((b) => `${b.store.endpoint}/${b.store.bucket}`))];
  return ok(`${counted(s.backups.length, 'component')} back up to ${nameList(buckets)}, outside the rack, versioned`);
}

/** Names must exist before certificates (DNS-01) and shoots can use them; resolving them is the real source's job. */
export function controlPlanesNamed(s: RackSnapshot): CheckResult {
  const unnamed = s.controlPlanes.filter((c) => !c.endpoint);
  if (unnamed.length) return fail(`no endpoint name for ${nameList(unnamed.map((c) => c.name))}`);
  return ok(`${s.controlPlanes.length} control plane names: ${nameList(s.controlPlanes.map((c) => hostOf(c.endpoint ?? '')), 3)}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export function infrastructureUp(s: RackSnapshot): CheckResult {
  const infra = s.topology.nodes.filter((n) => n.role === 'router' || n.role === 'spine' || n.role === 'leaf' || n.role === 'exit');
  const down = infra.filter((n) => n.reachability !== 'up');
  if (down.length) return fail(`not reachable yet: ${nameList(down.map((n) => n.name))}`);
  const machines = s.topology.nodes.filter((n) => n.role === 'machine' || n.role === 'firewall');
  const dark = machines.filter((n) => n.reachability !== 'up');
  if (dark.length) return fail(`${counted(dark.length, 'machine')} without link yet`);
  return ok(`${counted(infra.length, 'router or switch', 'routers and switches')} and ${counted(machines.length, 'machine')} reachable`);
}

export function switchesRegistered(s: RackSnapshot): CheckResult {
  const missing = s.bgp.switches.filter((sw) => !sw.reachable);
  if (s.bgp.switches.length === 0) return fail('no switch answers yet');
  return missing.length ? fail(`${noun(missing.length, 'switch', 'switches')} not answering: ${nameList(missing.map((sw) => sw.name))}`) : ok(`${counted(s.bgp.switches.length, 'switch', 'switches')} registered`);
}

/** Sessions between switches (and to the router): the fabric the machines' sessions ride on. */
export function underlayEstablished(s: RackSnapshot): CheckResult {
  const fabric = new Set(s.topology.nodes.filter((n) => n.role !== 'machine' && n.role !== 'firewall').map((n) => n.name));
  // The peer's hostname is only known once a session came up: match the fabric peer groups too.
  const sessions = s.bgp.switches
    .flatMap((sw) => sw.sessions)
    .filter((x) => x.peerGroup === 'FABRIC' || x.peerGroup === 'UPLINK' || (x.peerHostname !== undefined && fabric.has(x.peerHostname)));
  if (sessions.length === 0) return fail('no underlay sessions yet');
  const down = sessions.filter((x) => x.state !== 'Established');
  if (down.length) return fail(`${counted(down.length, 'underlay session')} not Established`);
  return ok(`${counted(sessions.length, 'underlay session')} Established`);
}

/** Each machine got as far as Waiting (free for allocation) at least once since it booted. */
export function machinesReachedWaiting(s: RackSnapshot): CheckResult {
  const behind = s.machines.filter((m) => !m.events.some((e) => e.event === 'Waiting') && m.phase !== 'Phoned Home');
  return behind.length ? fail(`${counted(behind.length, 'machine')} not in Waiting yet: ${nameList(behind.map((m) => `${m.name} ${m.phase ?? '-'}`))}`) : ok(`${counted(s.machines.length, 'machine')} reached Waiting`);
}
