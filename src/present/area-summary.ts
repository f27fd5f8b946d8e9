import type { Area, Finding, Severity } from '../health/finding';
import { AREAS, severityRank } from '../health/finding';
import type { Cause } from '../model/diagnosis';
import type { RackSnapshot } from '../model/snapshot';
import type { SourceStatus } from '../model/source';
import { counted } from '../text/count';
import { formatAge } from '../text/format-age';
import { unreadSwitches } from './source-coverage';

export type AreaStatus = 'ok' | Severity | 'no-data';

export interface AreaSummary {
  readonly area: Area;
  readonly status: AreaStatus;
  /** One short line of counts, e.g. "12/12 sessions Established on 3 switches". */
  readonly text: string;
  readonly counts: Readonly<Record<string, number>>;
  /** No configured source reports on this area at all (not merely waiting for a first answer). */
  readonly unwatched: boolean;
}


/**
 * One summary per area. Its status is the worst of its findings and of the causes it shares in (a cause whose own
 * findings lie here, or that took this area's links, sessions or machines down with it: lost hosts fold those
 * into their own findings). Anything down in the counts makes an area at least a warning: never "OK, 2 down".
 */
export function summariseAreas(snapshot: RackSnapshot, findings: readonly Finding[]): AreaSummary[] {
  // "0 machines: 0 Alive" would read as an empty rack; an area without data says that nothing reported on it.
  const waiting = snapshot.sources.some((src) => src.state === 'pending');
  const noData = waiting ? 'no data yet: waiting for the first answer' : 'no data: no configured source reports it';
  const causes = snapshot.diagnosis.causes;
  return AREAS.map((area) => {
    const described = describe(area, snapshot);
    const { counts, hasData } = described;
    const text = hasData ? described.text + lostSuffix(area, causes) : noData;
    const severities = [
      ...findings.filter((f) => f.area === area).map((f) => f.severity),
      ...causes.filter((c) => causeTouches(c, area, snapshot.findings)).map((c) => c.severity),
    ];
    const worst = severities.sort((a, b) => severityRank(a) - severityRank(b))[0];
    const status: AreaStatus = worst ?? (hasData ? (described.down > 0 ? 'warning' : 'ok') : 'no-data');
    return { area, status, text, counts, unwatched: !hasData && !waiting };
  });
}

/** A cause that starts in this area, or that took this area's things down without a finding of their own. */
function causeTouches(c: Cause, area: Area, findings: readonly Finding[]): boolean {
  if (c.members.some((m) => m.depth === 0 && findings[m.index]?.area === area)) return true;
  const e = c.effects;
  if (area === 'topology') return e.hostsDown + e.linksDown > 0;
  if (area === 'bgp') return e.sessionsDown > 0;
  if (area === 'machines') return e.machinesDown > 0;
  return false;
}

/** What the lost hosts took down with them that the counts alone do not say. */
function lostSuffix(area: Area, causes: readonly Cause[]): string {
  const sum = (k: 'sessionsDown' | 'machinesDown') => causes.reduce((n, c) => n + c.effects[k], 0);
  if (area === 'bgp' && sum('sessionsDown') > 0) return `; ${sum('sessionsDown')} to lost hosts`;
  if (area === 'machines' && sum('machinesDown') > 0) return `; ${sum('machinesDown')} lost`;
  return '';
}

/** `down`: how many of the area's things are down by its own counts (never shown as OK). */
function describe(area: Area, s: RackSnapshot): { text: string; counts: Record<string, number>; hasData: boolean; down: number } {
  switch (area) {
    case 'topology':
      return topology(s);
    case 'bgp':
      return bgp(s);
    case 'machines':
      return machines(s);
    case 'shoots':
      return shoots(s);
    case 'control-planes':
      return controlPlanes(s);
    case 'backups':
      return backups(s);
    case 'sources':
      return sources(s);
  }
}

function topology(s: RackSnapshot) {
  const nodes = s.topology.nodes.length;
  const down = s.topology.nodes.filter((n) => n.reachability === 'down').length;
  const up = s.topology.links.filter((l) => l.state === 'up').length;
  const links = s.topology.links.length;
  const text = `${counted(nodes, 'node', 'nodes')}, ${down} down; ${up}/${links} links up`;
  const linksDown = s.topology.links.filter((l) => l.state === 'down').length;
  return { text, counts: { nodes, nodesDown: down, links, linksUp: up }, hasData: has(s, 'topology'), down: down + linksDown };
}

function bgp(s: RackSnapshot) {
  const sessions = s.bgp.switches.flatMap((sw) => sw.sessions);
  const established = sessions.filter((x) => x.state === 'Established').length;
  const unreachable = s.bgp.switches.filter((sw) => !sw.reachable).length;
  const switches = s.bgp.switches.length;
  const viaApi = s.bgp.switches.filter((sw) => sw.via === 'metal-api').length;
  const text =
    `${established}/${sessions.length} sessions Established on ${counted(switches, 'switch', 'switches')}` +
    (viaApi === 0 ? '' : viaApi === switches ? ' via metal-api' : ` (${viaApi} via metal-api)`) +
    (unreachable ? `; ${unreachable} unreachable` : '');
  const down = sessions.length - established + unreachable;
  return { text, counts: { switches, unreachable, sessions: sessions.length, established }, hasData: has(s, 'bgp'), down };
}

function machines(s: RackSnapshot) {
  const count = (pred: (m: RackSnapshot['machines'][number]) => boolean) => s.machines.filter(pred).length;
  const counts = {
    machines: s.machines.length,
    alive: count((m) => m.liveliness === 'Alive'),
    dead: count((m) => m.liveliness === 'Dead'),
    unknown: count((m) => m.liveliness === 'Unknown'),
    crashLoop: count((m) => m.crashLoop),
    failedReclaim: count((m) => m.failedReclaim),
    allocated: count((m) => m.allocation !== undefined),
  };
  const parts = [`${counts.alive} Alive`];
  if (counts.dead) parts.push(`${counts.dead} Dead`);
  if (counts.unknown) parts.push(`${counts.unknown} Unknown`);
  const flags = [];
  if (counts.crashLoop) flags.push(`${counts.crashLoop} crash loop`);
  if (counts.failedReclaim) flags.push(`${counts.failedReclaim} failed reclaim`);
  const text = `${counted(counts.machines, 'machine', 'machines')}: ${parts.join(', ')}; ${counts.allocated} allocated${flags.length ? `; ${flags.join(', ')}` : ''}`;
  return { text, counts, hasData: has(s, 'machines'), down: counts.dead + counts.unknown };
}

function shoots(s: RackSnapshot) {
  const succeeded = s.shoots.filter((x) => x.lastOperation?.state === 'Succeeded').length;
  const conditions = s.shoots.flatMap((x) => x.conditions);
  const healthy = conditions.filter((c) => c.status === 'True').length;
  const hibernated = s.shoots.filter((x) => x.hibernated).length;
  const text =
    `${counted(s.shoots.length, 'shoot', 'shoots')}: ${succeeded} Succeeded; ${healthy}/${conditions.length} conditions True` +
    (hibernated ? `; ${hibernated} hibernated` : '');
  return {
    text,
    counts: { shoots: s.shoots.length, succeeded, conditions: conditions.length, conditionsTrue: healthy, hibernated },
    hasData: has(s, 'shoots'),
    // A condition not True has its own finding (or is expected: a hibernated shoot's nodes).
    down: 0,
  };
}

function controlPlanes(s: RackSnapshot) {
  const reachable = s.controlPlanes.filter((c) => c.reachable).length;
  const initial = s.controlPlanes.filter((c) => c.layer === 'initial').length;
  const planes = has(s, 'controlPlanes') ? `${reachable}/${s.controlPlanes.length} reachable (${initial} initial, ${s.controlPlanes.length - initial} nested)` : '';
  // metal-api's own health is the control plane speaking for itself, even where no cluster is read.
  const apis = s.apis.map((a) => `${a.name} ${a.status}${a.version ? ` ${a.version}` : ''}`).join(', ');
  const text = [planes, apis].filter(Boolean).join('; ');
  const healthy = s.apis.filter((a) => a.status === 'healthy').length;
  const down = s.controlPlanes.length - reachable + s.apis.length - healthy;
  return { text, counts: { controlPlanes: s.controlPlanes.length, reachable, apis: s.apis.length, apisHealthy: healthy }, hasData: has(s, 'controlPlanes') || s.apis.length > 0, down };
}

function backups(s: RackSnapshot) {
  const newest = Math.max(...s.backups.map((b) => b.versions[0]?.time ?? Number.NEGATIVE_INFINITY));
  const versions = s.backups.reduce((n, b) => n + b.versions.length, 0);
  const outside = s.backups.filter((b) => b.store.outsideRack).length;
  const paused = s.backups.filter((b) => b.paused).length;
  const age = Number.isFinite(newest) ? `newest ${formatAge(s.takenAt - newest)} ago` : 'no versions';
  const text =
    `${counted(s.backups.length, 'component', 'components')}, ${age}, ${outside}/${s.backups.length} outside rack` +
    (paused ? `, ${paused} paused` : '');
  return { text, counts: { components: s.backups.length, versions, outsideRack: outside, paused }, hasData: has(s, 'backups'), down: 0 };
}

function sources(s: RackSnapshot) {
  // An SSH source's poll succeeds while one switch answers: a switch it cannot read makes it "1/3 read", not "ok".
  const partial = (src: SourceStatus) => (src.state === 'ok' ? unreadSwitches(src, s) : undefined);
  const text = s.sources
    .map((src) => {
      const age = src.lastSuccess === undefined ? 'never' : formatAge(s.takenAt - src.lastSuccess);
      const unread = partial(src);
      return `${src.name} ${unread ? `${unread.read}/${unread.total} read` : src.state} ${age}`;
    })
    .join(', ');
  const failing = s.sources.filter((src) => src.state === 'error' || src.state === 'stale' || partial(src)).length;
  return { text: text || 'no sources', counts: { sources: s.sources.length, failing }, hasData: s.sources.length > 0, down: failing };
}

function has(s: RackSnapshot, key: RackSnapshot['domains'][number]): boolean {
  return s.domains.includes(key);
}
