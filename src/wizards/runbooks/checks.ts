import { shootKey } from '../../model/shoot';
import { counted, noun } from '../../text/count';
import { looksEmpty } from '../../backups/judge';
import type { Area, Finding } from '../../health';
import type { BackupComponent } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import type { EpochMs } from '../../model/time';
import { isoSeconds } from '../../text/time-text';
import { nameList } from './scenario-facts';
import type { CheckResult } from '../engine/types';

/** Small, composable checks on a snapshot; a step's verify joins them and reports the first that fails. */
export type SnapshotCheck = (s: RackSnapshot) => CheckResult;

export function all(...checks: SnapshotCheck[]): SnapshotCheck {
  return (s) => {
    const details: string[] = [];
    for (const check of checks) {
      const r = check(s);
      if (!r.ok) return r;
      details.push(r.detail);
    }
    return { ok: true, detail: details.join('; ') };
  };
}

export function bootstrapUp(s: RackSnapshot): CheckResult {
  const node = s.topology.nodes.find((n) => n.role === 'bootstrap');
  if (node && node.reachability !== 'up') return { ok: false, detail: `bootstrap node ${node.name} is ${node.reachability}` };
  return { ok: true, detail: 'bootstrap node up' };
}

/** The named control planes (all when ids is undefined) answer. */
export function controlPlanesReachable(ids?: readonly string[]): SnapshotCheck {
  return (s) => {
    const planes = s.controlPlanes.filter((c) => !ids || ids.includes(c.id));
    const down = planes.filter((c) => !c.reachable);
    if (down.length) return { ok: false, detail: `${noun(down.length, 'control plane')} ${nameList(down.map((c) => c.name))} not reachable yet` };
    return { ok: true, detail: `${counted(planes.length, 'control plane')} reachable` };
  };
}

/** Allocated machines are back in Phoned Home with their link up; free ones rest in Waiting. */
export function machinesProvisioned(ids: readonly string[]): SnapshotCheck {
  return (s) => {
    const up = new Set(s.topology.nodes.filter((n) => n.reachability === 'up').map((n) => n.id));
    const pending = s.machines.filter(
      (m) => ids.includes(m.id) && !(up.has(m.id) && m.phase === (m.allocation ? 'Phoned Home' : 'Waiting')),
    );
    if (pending.length) {
      return { ok: false, detail: `${counted(pending.length, 'machine')} not back yet: ${nameList(pending.map((m) => `${m.name} ${m.phase ?? '-'}`))}` };
    }
    return { ok: true, detail: `${counted(ids.length, 'machine')} Phoned Home` };
  };
}

export function sessionsEstablished(s: RackSnapshot): CheckResult {
  const sessions = s.bgp.switches.flatMap((sw) => sw.sessions);
  const down = sessions.filter((x) => x.state !== 'Established' && x.adminState !== 'Admin');
  if (down.length) return { ok: false, detail: `${counted(down.length, 'BGP session')} not Established` };
  return { ok: true, detail: `${sessions.length} BGP sessions Established` };
}

export function shootsHealthy(s: RackSnapshot): CheckResult {
  const bad = s.shoots.filter((x) => !x.hibernated && !(x.conditions.length > 0 && x.conditions.every((c) => c.status === 'True')));
  if (bad.length) return { ok: false, detail: `shoot(s) ${nameList(bad.map(shootKey))} have conditions not True` };
  return { ok: true, detail: `${s.shoots.length} shoot(s) with all conditions True` };
}

/** No critical finding in these areas (all areas when omitted). */
export function noCritical(areas?: readonly Area[]): SnapshotCheck {
  return (s) => {
    const left = criticalFindings(s, areas);
    if (left.length) return { ok: false, detail: `${left.length} critical finding(s) left, e.g. ${left[0]?.summary}` };
    return { ok: true, detail: `no critical findings${areas ? ` in ${areas.join(', ')}` : ''}` };
  };
}

export function criticalFindings(s: RackSnapshot, areas?: readonly Area[]): Finding[] {
  return s.findings.filter((f) => f.severity === 'critical' && (!areas || areas.includes(f.area)));
}

export function backupsPaused(ids: readonly string[], paused: boolean): SnapshotCheck {
  return (s) => {
    const wrong = s.backups.filter((b) => ids.includes(b.id) && b.paused !== paused);
    if (wrong.length) return { ok: false, detail: `${nameList(wrong.map((b) => b.id))}: ${paused ? 'still running and backing up' : 'not running (stopped or restoring) yet'}` };
    return { ok: true, detail: `${ids.length} database(s) ${paused ? 'stopped, uploading nothing' : 'running and backing up'}` };
  };
}

/** Components on a schedule this short are worth waiting for: their next upload proves the restored data. */
export const WAIT_FOR_UPLOAD_UP_TO = 15 * 60_000;

/**
 * After a restore: each short-schedule component has uploaded a version after `since` that the backup judge does
 * not find empty (about the restored size): that proves the restore holds real data. Longer schedules (k3s every
 * 6 h, etcd hourly) are named with their next upload instead of waited for.
 */
export function newGoodVersions(ids: readonly string[], since: (s: RackSnapshot) => EpochMs): SnapshotCheck {
  return (s) => {
    const t = since(s);
    const components = s.backups.filter((b) => ids.includes(b.id));
    const waiting = components.filter((b) => b.policy.interval <= WAIT_FOR_UPLOAD_UP_TO && !hasNewGood(s, b, t));
    if (waiting.length) {
      const due = waiting.map((b) => (b.versions[0] ? b.versions[0].time + b.policy.interval : undefined)).filter((x): x is number => x !== undefined);
      const next = due.length ? `; next upload due ${isoSeconds(Math.min(...due)).slice(11)} UTC` : '';
      return { ok: false, detail: `no new good backup of ${nameList(waiting.map((b) => b.id))} yet${next}` };
    }
    const later = components.filter((b) => b.policy.interval > WAIT_FOR_UPLOAD_UP_TO && !hasNewGood(s, b, t));
    const note = later.length ? `; next scheduled upload of ${nameList(later.map((b) => `${b.id} (${b.policy.schedule})`))} still to come: check it with rackpilot status` : '';
    return { ok: true, detail: `new good backup versions seen${note}` };
  };
}

/**
 * The newest version is an upload newer than `since` and not flagged by size (after the incident is expected
 * here). The copy a restore made the newest does not count: it proves nothing about the running database.
 */
function hasNewGood(s: RackSnapshot, b: BackupComponent, since: EpochMs): boolean {
  const newest = s.backupVerdicts.get(b.id)?.versions[0];
  return newest !== undefined && newest.version.time > since && newest.version.copyOf === undefined && !looksEmpty(newest.flags);
}
