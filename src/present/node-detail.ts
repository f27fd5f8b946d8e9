import { type BgpSession, type BgpSwitch, sessionId } from '../model/bgp';
import { failingSync } from '../health/fabric-rules';
import type { MetalSwitch } from '../model/metal-switch';
import type { RackSnapshot } from '../model/snapshot';
import type { TopoNode } from '../model/topology';
import type { EpochMs } from '../model/time';
import { addressFamilyName } from '../text/address-family';
import { alignedLine, blank, type DetailLine, facts, heading, line } from './detail-lines';
import { formatAge } from '../text/format-age';
import { linksOf } from './topology-rows';
import { withKind } from '../text/names';

/** One topology node: its links and every BGP session it takes part in. */
export function nodeDetail(snapshot: RackSnapshot, nodeId: string): DetailLine[] {
  const node = snapshot.topology.nodes.find((n) => n.id === nodeId);
  if (!node) return [line(`${nodeId} is no longer in the topology`, 'muted')];
  const names = new Set([node.name, node.id]);
  const machine = snapshot.machines.find((m) => m.id === node.id);
  if (machine?.allocation?.hostname) names.add(machine.allocation.hostname);
  const out: DetailLine[] = [
    heading(withKind(node.role, node.name)),
    ...facts([
      ['reachability', node.reachability],
      ['addresses', node.addresses.join(', ')],
      ['description', node.description],
      ['partition/rack', node.partition ? `${node.partition}/${node.rack ?? '-'}` : undefined],
      ['LLDP', neighbourReadText(node.neighbourRead, snapshot.takenAt)],
      ['metal-api', metalApiText(snapshot.switches.find((x) => x.name === node.name), snapshot.takenAt)],
    ]),
    blank,
    heading('Links'),
  ];
  for (const l of linksOf(snapshot.topology, node.id)) {
    const [here, there] = l.a.node === node.id ? [l.a, l.b] : [l.b, l.a];
    const tone = l.state === 'down' ? 'critical' : l.state === 'unknown' ? 'muted' : undefined;
    out.push(alignedLine(`${here.port.padEnd(12)} -> ${`${there.node}:${there.port}`.padEnd(28)} ${l.kind.padEnd(10)} ${l.state}`, tone));
  }
  const sessions = snapshot.bgp.switches.flatMap((sw) =>
    sw.sessions.filter((s) => sw.name === node.name || (s.peerHostname !== undefined && names.has(s.peerHostname))),
  );
  out.push(blank, heading(`BGP sessions (${sessions.length})`));
  for (const s of sessions) out.push(sessionLine(s, snapshot.takenAt));
  const sw = snapshot.bgp.switches.find((x) => x.name === node.name);
  if (sw && !sw.reachable) {
    const what = sw.failure === 'bgpd' ? 'answers over SSH, but its BGP daemon does not' : 'cannot be reached over SSH';
    out.push(line(`switch ${what}: ${sw.error ?? 'no answer'}`, 'critical'));
  }
  return out;
}

/** What metal-core last reported of the switch to metal-api; undefined where metal-api does not know it. */
function metalApiText(m: MetalSwitch | undefined, now: EpochMs): string | undefined {
  if (!m) return undefined;
  const os = m.os ? `${m.os.vendor} ${m.os.version}, metal-core ${m.os.metalCoreVersion}; ` : '';
  const sync = m.lastSync ? `last sync ${formatAge(now - m.lastSync.time)} ago` : 'never synced';
  const failing = failingSync(m);
  const failed = failing ? `; failing since ${formatAge(now - failing.time)} ago: ${failing.error ?? 'no error given'}` : '';
  return `${os}${sync}${failed}`;
}

/** How the switch's newest LLDP read went; undefined for nodes rackpilot does not read. */
function neighbourReadText(read: TopoNode['neighbourRead'], now: EpochMs): string | undefined {
  if (!read) return undefined;
  const seen = read.lastSeen !== undefined ? `last read ${formatAge(now - read.lastSeen)} ago` : 'never read';
  if (read.error !== undefined) return `cannot be read: ${read.error} (${seen})`;
  if (read.vanished) return `no neighbours now; ${read.vanished.count} ${formatAge(now - read.vanished.lastSeen)} ago`;
  return seen;
}

export function sessionLine(s: BgpSession, now: EpochMs): DetailLine {
  const peer = s.peerHostname ?? s.neighbor;
  return line(`${s.switch} ${s.vrf} ${addressFamilyName(s.addressFamily)} ${s.neighbor} -> ${peer}: ${s.state}${sessionTime(s, now)}`, s.state === 'Established' ? undefined : 'critical');
}

/**
 * How long a session has been in its state and how often it dropped, as vtysh's Up/Down and connectionsDropped
 * tell it: " up 12d", " down 3m, dropped 4 times" ("down for 3 s after 12 d up" and "flapping" read apart).
 */
function sessionTime(s: BgpSession, now: EpochMs): string {
  if (s.state === 'Established') return s.establishedSince !== undefined ? ` up ${formatAge(now - s.establishedSince)}` : '';
  const down = s.downSince !== undefined ? `down ${formatAge(now - s.downSince)}` : 'never up';
  return ` ${down}${s.drops ? `, dropped ${dropsText(s.drops)}` : ''}`;
}

const dropsText = (n: number): string => `${n} time${n === 1 ? '' : 's'}`;

/** FRR's peerState beside the FSM state only when it says something: OK is every healthy and most down peers. */
function stateText(s: BgpSession): string {
  if (!s.adminState || s.adminState === 'OK') return s.state;
  return `${s.state} (${s.adminState === 'Admin' ? 'shut down by an admin' : `peer state ${s.adminState}`})`;
}

/** One BGP row's detail: a session's fields, or an unreachable switch's error. */
export function bgpDetail(switches: readonly BgpSwitch[], rowId: string, now: EpochMs): DetailLine[] {
  if (rowId.startsWith('switch/')) {
    const sw = switches.find((x) => `switch/${x.name}` === rowId);
    if (!sw) return [line('switch no longer reported', 'muted')];
    return [
      heading(`Switch ${sw.name}`),
      ...facts([
        ['reachable', sw.reachable ? 'yes' : 'no'],
        ['error', sw.error],
        ['last seen', sw.lastSeen !== undefined ? `${formatAge(now - sw.lastSeen)} ago` : 'never'],
        ['sessions', String(sw.sessions.length)],
        ['vanished', sw.vanished ? `${sw.vanished.count} sessions ${formatAge(now - sw.vanished.lastSeen)} ago, none now` : undefined],
      ]),
    ];
  }
  const s = switches.flatMap((x) => x.sessions).find((x) => sessionId(x) === rowId);
  if (!s) return [line('session no longer reported', 'muted')];
  const owner = switches.find((x) => x.name === s.switch);
  const unread = owner && !owner.reachable;
  const seen = owner?.lastSeen !== undefined ? `${formatAge(now - owner.lastSeen)} ago` : 'never';
  return [
    heading(`BGP session ${s.switch} -> ${s.peerHostname ?? s.neighbor}`),
    ...(unread ? [line(`${s.switch} cannot be read now (${owner.error ?? 'unreachable'}); these are its values as last read ${seen}`, 'warning')] : []),
    ...facts([
      ['vrf', s.vrf],
      ['address family', addressFamilyName(s.addressFamily)],
      ['neighbor', `${s.neighbor} (${s.idType})`],
      ['peer hostname', s.peerHostname],
      ['peer group', s.peerGroup],
      ['remote AS', s.remoteAs?.toString()],
      ['local AS', s.localAs?.toString()],
      ['state', stateText(s)],
      ['established', s.establishedSince !== undefined ? `${formatAge(now - s.establishedSince)} ago` : undefined],
      ['down since', s.downSince !== undefined ? `${formatAge(now - s.downSince)} ago` : undefined],
      ['dropped', s.drops !== undefined ? `${dropsText(s.drops)} since bgpd started` : undefined],
      ['prefixes rcvd/sent', `${s.prefixesReceived ?? '-'}/${s.prefixesSent ?? '-'}`],
      ['last reset', s.lastResetReason],
    ]),
  ];
}
