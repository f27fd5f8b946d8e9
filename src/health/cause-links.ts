/**
 * Which finding can be caused by which: every finding is about a thing (its entity: a host, a switch, a link, a
 * session, a shoot, a control plane, a backup component), and each thing names the things whose failure would
 * explain its own, most likely first. The diagnosis (diagnose.ts) follows these links to the root.
 */
import { type BgpSession, type BgpSwitch, sessionId } from '../model/bgp';
import { shootKey } from '../model/shoot';
import type { Machine } from '../model/machine';
import type { Link } from '../model/topology';
import type { RackObservation } from '../model/snapshot';
import type { Finding } from './finding';
import { machineNames, machineSessionCounter } from './peers';
import { INFRASTRUCTURE_ROLES } from './topology-rules';
import { once } from '../once';
import { linkIndex } from './link-index';

/** The one virtual thing every lost host hangs under, so hosts that went down together read as one cause. */
export const LOST_HOSTS = 'hosts-lost';

/** Backup findings an outage of the owning control plane explains: nothing uploads while it is down. */
const OUTAGE_BACKUP_RULES: ReadonlySet<string> = new Set(['backup-overdue', 'backup-after-incident']);

export interface CauseLinks {
  /** The thing a finding is about. */
  entityOf(f: Finding): string;
  /**
   * The things among `broken` whose failure would explain a thing's, most likely first. One `broken` set per
   * diagnosis: the indices behind it hold only broken machines (a few), not all 10,000.
   */
  parentsIn(broken: ReadonlySet<string>): (entity: string) => readonly string[];
  /** Hosts that are gone: infrastructure nodes down, machines Dead or down in the topology, or silent with a link or session down. */
  readonly lostHosts: ReadonlySet<string>;
  /** Names BGP peers may use for each lost host (for counting their sessions). */
  readonly lostNames: ReadonlySet<string>;
}

export function causeLinks(o: RackObservation): CauseLinks {
  const lostHosts = findLostHosts(o);
  const lostNames = new Set<string>();
  if (lostHosts.size > 0) {
    // By id, so the 20,000 nodes and machines of a large rack are matched without a key string each.
    const lostNodes = idsOf(lostHosts, 'node:');
    const lostMachines = idsOf(lostHosts, 'machine:');
    for (const n of o.topology.nodes) if (lostNodes.has(n.id)) lostNames.add(n.id).add(n.name);
    for (const m of o.machines) if (lostMachines.has(m.id)) for (const name of machineNames(m)) lostNames.add(name);
  }
  const planeIds = once(() => new Set(o.controlPlanes.map((p) => p.id)));
  const shootKeys = once(() => new Set(o.shoots.map(shootKey)));
  const bootstrap = once(() => o.topology.nodes.filter((n) => n.role === 'bootstrap').map((n) => `node:${n.id}`));
  const switchNamed = once(() => new Map(o.bgp.switches.map((sw) => [sw.name, sw])));
  const linksIndexed = once(() => linkIndex(o.topology.links));

  /** A cluster node, workload or pod: "<control plane id or shoot key>/…"; the longest known prefix owns it. */
  const ownerOf = (id: string): string[] => {
    const plane = [...planeIds()].filter((p) => id.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
    if (plane !== undefined) return [`cp:${plane}`];
    const shoot = [...shootKeys()].find((k) => id.startsWith(`${k}/`));
    return shoot !== undefined ? [`shoot:${shoot}`] : [];
  };

  const parentsIn = (broken: ReadonlySet<string>) => {
    // A machine is a parent only when broken: indexed are the broken ones alone, on first use.
    const brokenMachines = once(() => {
      const ids = idsOf(broken, 'machine:');
      return ids.size ? o.machines.filter((m) => ids.has(m.id)) : [];
    });
    const machinesNamed = once(() => {
      const named = new Map<string, Machine[]>();
      for (const m of brokenMachines()) for (const name of new Set([m.id, ...machineNames(m)])) pushTo(named, name, m);
      return named;
    });
    const machinesOf = once(() => {
      const of = new Map<string, Machine[]>();
      for (const m of brokenMachines()) {
        const cluster = m.allocation?.cluster;
        if (cluster !== undefined) pushTo(of, cluster, m);
      }
      return of;
    });

    const candidates = (entity: string): readonly string[] => {
      if (lostHosts.has(entity)) return [LOST_HOSTS];
      const [kind, ...rest] = entity.split(':');
      const id = rest.join(':');
      switch (kind) {
        case 'switch':
          return [`node:${id}`];
        case 'link': {
          const l = linksIndexed().byId(id);
          return l ? [`node:${l.a.node}`, `node:${l.b.node}`, `machine:${l.a.node}`, `machine:${l.b.node}`] : [];
        }
        case 'session': {
          const s = sessionOf(switchNamed(), id);
          if (!s) return [];
          const peer = s.peerHostname ?? s.neighbor;
          // Unnumbered BGP names the port: the cable on it is the likelier cause than the peer.
          const links = linksIndexed()
            .atNode(s.switch)
            .filter((l) => isEnd(l, s.switch, s.neighbor));
          // FRR may not know the hostname of a peer that never came up: the cable's far end names it then.
          const far = links.map((l) => (l.a.node === s.switch ? l.b.node : l.a.node));
          const peers = [...new Set([peer, ...far])];
          return [
            ...links.map((l) => `link:${l.id}`),
            ...peers.flatMap((p) => [`switch:${p}`, `node:${p}`, ...(machinesNamed().get(p) ?? []).map((m) => `machine:${m.id}`)]),
          ];
        }
        case 'shoot': {
          // Its firewall and workers, the lost ones first: their loss is the shoot's.
          const own = machinesOf().get(id) ?? [];
          const ordered = [...own.filter((m) => lostHosts.has(`machine:${m.id}`)), ...own.filter((m) => !lostHosts.has(`machine:${m.id}`))];
          return ordered.map((m) => `machine:${m.id}`);
        }
        case 'cp': {
          const p = o.controlPlanes.find((x) => x.id === id);
          if (!p) return [];
          // k3s runs on the bootstrap node; an initial plane runs in k3s; a nested one in its shoot.
          if (p.hostedOn === p.id || p.kind === 'k3s') return bootstrap();
          return shootKeys().has(p.hostedOn) ? [`shoot:${p.hostedOn}`] : [`cp:${p.hostedOn}`];
        }
        case 'part':
          return ownerOf(id);
        case 'backup-late': {
          // The same component's own trouble first (an empty backup), then the control plane that owns it.
          const b = o.backups.find((x) => x.id === id);
          if (!b) return [];
          const planes = o.controlPlanes.filter((p) => p.name === b.owner || p.id === b.owner).map((p) => `cp:${p.id}`);
          return [`backup:${id}`, ...planes, ...(shootKeys().has(b.owner) ? [`shoot:${b.owner}`] : [])];
        }
        default:
          return [];
      }
    };
    return (entity: string) => candidates(entity).filter((p) => broken.has(p));
  };

  return { entityOf: entityOfFinding, parentsIn, lostHosts, lostNames };
}

/** The ids of the entities of one kind ("machine:" ...), without the prefix. */
export function idsOf(entities: ReadonlySet<string>, prefix: string): Set<string> {
  const ids = new Set<string>();
  for (const e of entities) if (e.startsWith(prefix)) ids.add(e.slice(prefix.length));
  return ids;
}

/** A session by its id ("switch/vrf/family/neighbor"), among the sessions of its switch (a few dozen). */
function sessionOf(switches: ReadonlyMap<string, BgpSwitch>, id: string): BgpSession | undefined {
  const sw = switches.get(id.slice(0, id.indexOf('/')));
  return sw?.sessions.find((s) => sessionId(s) === id);
}

function isEnd(l: Link, node: string, port: string): boolean {
  return (l.a.node === node && l.a.port === port) || (l.b.node === node && l.b.port === port);
}

/** Appends to the list under key, in place (a copy per item made the indices quadratic in garbage). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function entityOf(f: Finding): string {
  const { kind, id } = f.subject;
  switch (kind) {
    case 'node':
    case 'link':
    case 'switch':
    case 'machine':
    case 'shoot':
    case 'backup':
    case 'source':
      return `${kind}:${id}`;
    case 'bgp-session':
      return `session:${id}`;
    case 'control-plane':
      return `cp:${id}`;
    case 'cluster-node':
    case 'workload':
    case 'pod':
      return `part:${id}`;
    case 'backup-version':
      return `backup:${id}`;
  }
}

/** The entity of a backup finding an outage explains differs from the component's own trouble (see parentsOf). */
export function entityOfFinding(f: Finding): string {
  if (f.subject.kind === 'backup' && OUTAGE_BACKUP_RULES.has(f.rule)) return `backup-late:${f.subject.id}`;
  return entityOf(f);
}

function findLostHosts(o: RackObservation): Set<string> {
  const lost = new Set<string>();
  const downNodes = new Set<string>();
  // forEach, not for-of: run once per publish, unoptimised for-of makes an iterator result per item.
  o.topology.nodes.forEach((n) => {
    if (n.reachability === 'down') downNodes.add(n.id);
  });
  const downLinkEnds = new Set<string>();
  o.topology.links.forEach((l) => {
    if (l.state === 'down') downLinkEnds.add(l.a.node).add(l.b.node);
  });
  const sessions = machineSessionCounter(o.bgp.switches);
  o.machines.forEach((m) => {
    const { up, down } = sessions(m);
    // Unknown alone may be a reporting hiccup; with a cable or a session down it is gone. metal-api takes 5 minutes
    // to call a machine Dead; a node the topology sees down, or whose every session dropped, is gone before that.
    const silent = m.liveliness === 'Unknown' && (downLinkEnds.has(m.id) || down > 0);
    if (m.liveliness === 'Dead' || downNodes.has(m.id) || silent || (down > 0 && up === 0)) lost.add(`machine:${m.id}`);
  });
  // The nodes node-down reports (machines have their own rules, above).
  o.topology.nodes.forEach((n) => {
    if (n.reachability === 'down' && INFRASTRUCTURE_ROLES.has(n.role)) lost.add(`node:${n.id}`);
  });
  return lost;
}
