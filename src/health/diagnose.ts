import { sessionId } from '../model/bgp';
import type { Cause, CauseEffects, CauseMember, Diagnosis } from '../model/diagnosis';
import { NO_EFFECTS } from '../model/diagnosis';
import type { RackObservation } from '../model/snapshot';
import { causeLinks, idsOf, LOST_HOSTS } from './cause-links';
import { followupText } from './cause-text';
import { type Finding, severityRank } from './finding';
import { machineLabel, TRANSIENT_PHASES } from './machine-rules';

const MAX_NAMES = 6;

/**
 * Groups one snapshot's findings by cause: each finding's thing hangs under the first thing among its possible
 * causes that has a finding too (cause-links.ts), up to a root; every lost host hangs under one root, so hosts
 * that went down together are one cause. Pure, computed once per snapshot with the findings (store/assess.ts).
 */
export function diagnose(o: RackObservation, findings: readonly Finding[]): Diagnosis {
  const links = causeLinks(o);
  const entities = findings.map((f) => links.entityOf(f));
  // A lost host is a cause before metal-api says so (it calls a machine Dead after 5 minutes without an event).
  const broken = new Set([...entities, ...links.lostHosts]);
  if (links.lostHosts.size > 0) broken.add(LOST_HOSTS);
  const parent = new Map<string, string | undefined>();
  const parentsOf = links.parentsIn(broken);
  const parentOf = (e: string) => {
    if (!parent.has(e)) parent.set(e, parentsOf(e).find((p) => p !== e));
    return parent.get(e);
  };

  // Each finding's chain up to its root; the tree of things it spells, children in the findings' order (worst first).
  const roots = new Map<string, string>();
  const depths: number[] = [];
  const own = new Map<string, number[]>();
  const children = new Map<string, Set<string>>();
  findings.forEach((_, index) => {
    const chain = [entities[index] as string];
    for (let p = parentOf(chain[0] as string); p !== undefined && !chain.includes(p); p = parentOf(p)) chain.push(p);
    const root = chain[chain.length - 1] as string;
    // The lost hosts themselves are the cause (depth 0), not one step below the virtual root.
    depths[index] = root === LOST_HOSTS ? chain.length - 2 : chain.length - 1;
    const entity = chain[0] as string;
    roots.set(entity, root);
    const mine = own.get(entity);
    if (mine) mine.push(index);
    else own.set(entity, [index]);
    for (let k = 0; k + 1 < chain.length; k++) {
      const [child, parent] = [chain[k] as string, chain[k + 1] as string];
      const list = children.get(parent) ?? new Set<string>();
      list.add(child);
      children.set(parent, list);
    }
  });

  // Read top-down like the incident: each thing, then what follows from it, before its next sibling.
  const treeOrder = (root: string): CauseMember[] => {
    const out: CauseMember[] = [];
    const visit = (e: string) => {
      for (const index of own.get(e) ?? []) out.push({ index, depth: depths[index] ?? 0 });
      for (const c of children.get(e) ?? []) visit(c);
    };
    visit(root);
    return out;
  };
  const causes = [...new Set(roots.values())].map((root) => {
    const members = treeOrder(root);
    return root === LOST_HOSTS ? lostHostsCause(o, findings, members, links.lostHosts, links.lostNames) : ownCause(findings, members);
  });
  const first = (c: Cause) => c.members.reduce((n, m) => Math.min(n, m.index), Number.POSITIVE_INFINITY);
  causes.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || first(a) - first(b));
  return { causes };
}

function ownCause(findings: readonly Finding[], members: readonly CauseMember[]): Cause {
  const head = findings[(members[0] as CauseMember).index] as Finding;
  return {
    id: `${head.rule}|${head.subject.kind}|${head.subject.id}`,
    severity: worst(findings, members),
    area: head.area,
    summary: head.summary,
    followups: followupText(findings, members, NO_EFFECTS, false),
    hint: head.hint,
    members,
    effects: NO_EFFECTS,
  };
}

function lostHostsCause(
  o: RackObservation,
  findings: readonly Finding[],
  members: readonly CauseMember[],
  lost: ReadonlySet<string>,
  lostNames: ReadonlySet<string>,
): Cause {
  const heads = members.filter((m) => m.depth === 0);
  const head = findings[(heads[0] ?? (members[0] as CauseMember)).index] as Finding;
  const effects = lostEffects(o, lost, lostNames, new Set(members.map((m) => (findings[m.index] as Finding).subject.id)));
  // Matched by id: a key string for each of the 20,000 nodes and machines of a large rack was most of a publish's garbage.
  const lostNodes = idsOf(lost, 'node:');
  const lostMachines = idsOf(lost, 'machine:');
  const names = [
    ...o.topology.nodes.filter((n) => lostNodes.has(n.id)).map((n) => n.name),
    // A machine on its way through a reboot or a reinstall is down on purpose, perhaps: say where it is.
    ...o.machines.filter((m) => lostMachines.has(m.id)).map((m) => (m.phase && TRANSIENT_PHASES.has(m.phase) ? `${machineLabel(m)} (${m.phase})` : machineLabel(m))),
  ];
  // One host that has its own finding is named by it; else they are counted and named here.
  const several = names.length > 1 || heads.length === 0;
  return {
    id: LOST_HOSTS,
    severity: worst(findings, members),
    area: head.area,
    summary: several ? `${names.length} ${names.length === 1 ? 'host' : 'hosts'} down: ${nameList(names)}` : head.summary,
    followups: followupText(findings, members, effects, names.length > 1),
    hint: several
      ? 'bring the hosts back first (power and cables; a host line below says how): what follows from them clears as they return'
      : head.hint,
    members,
    effects,
  };
}

/** Enough names to recognise the hosts on one line; a lost partition is counted, not listed. */
function nameList(names: readonly string[]): string {
  return names.length <= MAX_NAMES ? names.join(', ') : `${names.slice(0, MAX_NAMES - 1).join(', ')} and ${names.length - MAX_NAMES + 1} more`;
}

/** The cables and sessions down with the lost hosts that no finding lists (the rules fold them into the hosts'). */
function lostEffects(o: RackObservation, lost: ReadonlySet<string>, lostNames: ReadonlySet<string>, listed: ReadonlySet<string>): CauseEffects {
  const gone = (node: string) => lost.has(`node:${node}`) || lost.has(`machine:${node}`);
  const linksDown = o.topology.links.filter((l) => l.state === 'down' && (gone(l.a.node) || gone(l.b.node)) && !listed.has(l.id)).length;
  let sessionsDown = 0;
  for (const sw of o.bgp.switches) {
    if (!sw.reachable) continue;
    for (const s of sw.sessions) {
      if (s.state === 'Established' || s.peerHostname === undefined || !lostNames.has(s.peerHostname)) continue;
      if (!listed.has(sessionId(s))) sessionsDown++;
    }
  }
  const machinesDown = [...lost].filter((e) => e.startsWith('machine:')).length;
  return { hostsDown: lost.size, machinesDown, linksDown, sessionsDown };
}

function worst(findings: readonly Finding[], members: readonly CauseMember[]) {
  return members.map((m) => (findings[m.index] as Finding).severity).sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'info';
}
