import { type BgpSession, type BgpSwitch, sessionId } from '../model/bgp';
import type { EpochMs } from '../model/time';
import { addressFamilyName } from '../text/address-family';
import { formatAge } from '../text/format-age';
import { type Column, compareText, DeferredRow, makeRow, type Row, type RowSet, type Tone } from './rows';

/**
 * A session is named by its switch and its peer, and read by its state: those three are never cut (`keep`). The
 * rest gives way on a narrow terminal, first the remote AS (the detail has it), then prefixes, time in state, VRF,
 * the neighbor port (the peer names the machine, whose port it is) and last the address family, which tells a
 * firewall's IPv4 and EVPN sessions apart: at 80 columns the mini-rack shows it, at 120 all but the AS show.
 */
export const BGP_COLUMNS: readonly Column[] = [
  { title: 'SWITCH', width: 8, keep: true },
  { title: 'VRF', width: 7, drop: 3 },
  { title: 'AF', width: 12, drop: 1 },
  { title: 'NEIGHBOR', width: 10, drop: 2 },
  // A Gardener node name is 41 cells; an unreachable switch's row says why here.
  { title: 'PEER', width: 'flex', keep: true, max: 48 },
  { title: 'AS', width: 10, align: 'right', drop: 6 },
  { title: 'STATE', width: 11, min: 11, keep: true },
  { title: 'FOR', width: 4, align: 'right', drop: 4 },
  { title: 'PFX R/S', width: 7, align: 'right', drop: 5 },
];

function tone(s: BgpSession): Tone | undefined {
  if (s.state === 'Established') return undefined;
  return s.adminState === 'Admin' ? 'info' : 'critical';
}

/** BGP pane rows: unreachable switches and sessions that are not Established first. */
export function bgpRows(switches: readonly BgpSwitch[], now: EpochMs): RowSet {
  const rows: Row[] = [];
  for (const sw of switches) {
    if (!sw.reachable) {
      const seen = sw.lastSeen === undefined ? 'never' : `${formatAge(now - sw.lastSeen)} ago`;
      // SSH down and bgpd down call for different hands: say which.
      const state = sw.failure === 'bgpd' ? 'BGPD DOWN' : 'UNREACHABLE';
      // The error is no peer's name: in PEER it would claim that never-cut column's width and push VRF and AF off an
      // 80-column screen. STATE says which hands it needs; Enter and the overview's finding give the error whole,
      // and the filter still finds the row by it.
      rows.push(makeRow(`switch/${sw.name}`, [sw.name, '-', '-', '-', '-', '-', state, '-', `seen ${seen}`], 'critical', [sw.error ?? 'unreachable']));
    }
  }
  // An unreachable switch keeps its last good sessions; shown as current they would claim a state nobody saw.
  // metal-api's view of a switch SSH cannot read is current as of its report: shown with its states (AF "metal-api").
  const unread = new Set(switches.filter((sw) => !sw.reachable && sw.via === undefined).map((sw) => sw.name));
  // Each key built once, not in the comparator: sorting 30,000 sessions built ~900,000 key strings (240 MB of garbage
  // in 8 s of a machine reboot at --scale 10000 with this pane open).
  const sorted = switches
    .flatMap((sw) => sw.sessions.map((s) => ({ s, key: sessionId(s), down: s.state === 'Established' ? 0 : 1 })))
    .sort((a, b) => b.down - a.down || compareText(a.key, b.key));
  const cellsOf = (s: BgpSession) => sessionCells(s, now, unread.has(s.switch));
  for (const { s, key } of sorted) rows.push(new DeferredRow(key, unread.has(s.switch) ? 'muted' : tone(s), s, cellsOf));
  return { columns: BGP_COLUMNS, rows };
}

/** A session's cells; an unread switch's sessions say "unknown" (see bgpRows). */
function sessionCells(s: BgpSession, now: EpochMs, unread: boolean): readonly string[] {
  // How long it has been in its state: up since, or down since (FRR knows both).
  const since = s.state === 'Established' ? s.establishedSince : s.downSince;
  const pfx = `${s.prefixesReceived ?? '-'}/${s.prefixesSent ?? '-'}`;
  const peer = s.peerHostname || '-';
  // The column says AS; the number alone, as vtysh prints it, fits a 4-byte private AS (10 digits) whole.
  const as = s.remoteAs ? String(s.remoteAs) : '-';
  if (unread) return [s.switch, s.vrf, addressFamilyName(s.addressFamily), s.neighbor, peer, as, 'unknown', '-', pfx];
  const up = since !== undefined ? formatAge(now - since) : '-';
  return [s.switch, s.vrf, addressFamilyName(s.addressFamily), s.neighbor, peer, as, s.state, up, pfx];
}
