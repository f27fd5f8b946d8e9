import type { Area, Finding, Severity } from '../health/finding';
import { AREAS, severityRank } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import { formatAge } from '../text/format-age';

export type AreaStatus = 'ok' | Severity | 'no-data';

export interface AreaSummary {
  readonly area: Area;
  readonly status: AreaStatus;
  /** One short line of counts, e.g. "12/12 sessions Established on 3 switches". */
  readonly text: string;
  readonly counts: Readonly<Record<string, number>>;
}


/** One summary per area, with the worst finding's severity as the area's status. */
export function summariseAreas(snapshot: RackSnapshot, findings: readonly Finding[]): AreaSummary[] {
  // "0 machines: 0 Alive" would read as an empty rack; an area without data says that nothing reported on it.
  const noData = snapshot.sources.some((src) => src.state === 'pending')
    ? 'no data yet: waiting for the first answer'
    : 'no data: no configured source reports it';
  return AREAS.map((area) => {
    const described = describe(area, snapshot);
    const { counts, hasData } = described;
    const text = hasData ? described.text : noData;
    const worst = findings
      .filter((f) => f.area === area)
      .map((f) => f.severity)
      .sort((a, b) => severityRank(a) - severityRank(b))[0];
    return { area, status: worst ?? (hasData ? 'ok' : 'no-data'), text, counts };
  });
}

function describe(area: Area, s: RackSnapshot): { text: string; counts: Record<string, number>; hasData: boolean } {
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

function plural(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function topology(s: RackSnapshot) {
  const nodes = s.topology.nodes.length;
  const down = s.topology.nodes.filter((n) => n.reachability === 'down').length;
  const up = s.topology.links.filter((l) => l.state === 'up').length;
  const links = s.topology.links.length;
  const text = `${plural(nodes, ['node', 'nodes'])}, ${down} down; ${up}/${links} links up`;
  return { text, counts: { nodes, nodesDown: down, links, linksUp: up }, hasData: has(s, 'topology') };
}

function bgp(s: RackSnapshot) {
  const sessions = s.bgp.switches.flatMap((sw) => sw.sessions);
  const established = sessions.filter((x) => x.state === 'Established').length;
  const unreachable = s.bgp.switches.filter((sw) => !sw.reachable).length;
  const switches = s.bgp.switches.length;
  const viaApi = s.bgp.switches.filter((sw) => sw.via === 'metal-api').length;
  const text =
    `${established}/${sessions.length} sessions Established on ${plural(switches, ['switch', 'switches'])}` +
    (viaApi === 0 ? '' : viaApi === switches ? ' via metal-api' : ` (${viaApi} via metal-api)`) +
    (unreachable ? `; ${unreachable} unreachable` : '');
  return { text, counts: { switches, unreachable, sessions: sessions.length, established }, hasData: has(s, 'bgp') };
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
  const text = `${plural(counts.machines, ['machine', 'machines'])}: ${parts.join(', ')}; ${counts.allocated} allocated${flags.length ? `; ${flags.join(', ')}` : ''}`;
  return { text, counts, hasData: has(s, 'machines') };
}

function shoots(s: RackSnapshot) {
  const succeeded = s.shoots.filter((x) => x.lastOperation?.state === 'Succeeded').length;
  const conditions = s.shoots.flatMap((x) => x.conditions);
  const healthy = conditions.filter((c) => c.status === 'True').length;
  const hibernated = s.shoots.filter((x) => x.hibernated).length;
  const text =
    `${plural(s.shoots.length, ['shoot', 'shoots'])}: ${succeeded} Succeeded; ${healthy}/${conditions.length} conditions True` +
    (hibernated ? `; ${hibernated} hibernated` : '');
  return {
    text,
    counts: { shoots: s.shoots.length, succeeded, conditions: conditions.length, conditionsTrue: healthy, hibernated },
    hasData: has(s, 'shoots'),
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
  return { text, counts: { controlPlanes: s.controlPlanes.length, reachable, apis: s.apis.length, apisHealthy: healthy }, hasData: has(s, 'controlPlanes') || s.apis.length > 0 };
}

function backups(s: RackSnapshot) {
  const newest = Math.max(...s.backups.map((b) => b.versions[0]?.time ?? Number.NEGATIVE_INFINITY));
  const versions = s.backups.reduce((n, b) => n + b.versions.length, 0);
  const outside = s.backups.filter((b) => b.store.outsideRack).length;
  const paused = s.backups.filter((b) => b.paused).length;
  const age = Number.isFinite(newest) ? `newest ${formatAge(s.takenAt - newest)} ago` : 'no versions';
  const text =
    `${plural(s.backups.length, ['component', 'components'])}, ${age}, ${outside}/${s.backups.length} outside rack` +
    (paused ? `, ${paused} paused` : '');
  return { text, counts: { components: s.backups.length, versions, outsideRack: outside, paused }, hasData: has(s, 'backups') };
}

function sources(s: RackSnapshot) {
  const text = s.sources
    .map((src) => {
      const age = src.lastSuccess === undefined ? 'never' : formatAge(s.takenAt - src.lastSuccess);
      return `${src.name} ${src.state} ${age}`;
    })
    .join(', ');
  const failing = s.sources.filter((src) => src.state === 'error' || src.state === 'stale').length;
  return { text: text || 'no sources', counts: { sources: s.sources.length, failing }, hasData: s.sources.length > 0 };
}

function has(s: RackSnapshot, key: RackSnapshot['domains'][number]): boolean {
  return s.domains.includes(key);
}
