import { type BgpSession, sessionId } from '../model/bgp';
import type { RackObservation } from '../model/snapshot';
import { addressFamilyName } from '../text/address-family';
import { formatAge } from '../text/format-age';
import type { Finding } from './finding';
import { ago, finding, oneLine } from './make-finding';
import { explainedPeers } from './peers';
import { bgpdHint, outputHint, sshHint } from './switch-hints';

export function bgpRules(snapshot: RackObservation): Finding[] {
  const now = snapshot.takenAt;
  const downPeers = explainedPeers(snapshot);
  const out: Finding[] = [];
  for (const sw of snapshot.bgp.switches) {
    if (!sw.reachable && sw.failure === 'bgpd') {
      // SSH works: the switch is there, its BGP daemon is not. Every session through it is down for its peers.
      out.push(
        finding(
          'bgpd-not-answering',
          'critical',
          'bgp',
          { kind: 'switch', id: sw.name, label: sw.name },
          `switch ${sw.name} answers over SSH, but its BGP daemon does not: ${sw.error ? oneLine(sw.error) : 'no output'}; last good read ${ago(now, sw.lastSeen)}`,
          `${bgpdHint(sw.name)}; sessions through ${sw.name} are not judged meanwhile`,
        ),
      );
      if (sw.via !== 'metal-api') continue;
    } else if (!sw.reachable) {
      const why = sw.error ? oneLine(sw.error) : 'no answer';
      const second = sw.via === 'metal-api';
      out.push(
        finding(
          'switch-unreachable',
          // metal-api still shows its sessions: a blind spot of the console, not of the fabric.
          second ? 'warning' : 'critical',
          'bgp',
          { kind: 'switch', id: sw.name, label: sw.name },
          `switch ${sw.name} cannot be read: ${why}; last seen ${ago(now, sw.lastSeen)}${second ? `; its sessions are judged from metal-api's view (metal-core reported ${ago(now, sw.syncedAt)})` : ''}`,
          `${sw.failure === 'output' ? outputHint(sw.name) : `${sshHint(sw.name)} (rackpilot doctor tests each)`}${second ? '' : '; its sessions are not judged meanwhile'}`,
        ),
      );
      // Its session list is the last good read, or empty: judging it would report stale data as current.
      if (!second) continue;
    }
    if (sw.vanished) {
      out.push(
        finding(
          'bgp-sessions-vanished',
          'critical',
          'bgp',
          { kind: 'switch', id: sw.name, label: sw.name },
          `switch ${sw.name} now lists no BGP sessions; it listed ${sw.vanished.count} ${ago(now, sw.vanished.lastSeen)}`,
          `check FRR on ${sw.name} (was its config replaced, or bgpd restarted?) and that its output format did not change`,
        ),
      );
    }
    for (const s of sw.sessions) {
      if (s.state === 'Established') continue;
      if (s.peerHostname !== undefined && downPeers.has(s.peerHostname)) continue;
      out.push(sessionFinding(s, now));
    }
  }
  return out;
}

function sessionFinding(s: BgpSession, now: number): Finding {
  const peer = s.peerHostname ?? s.neighbor;
  const label = `${s.switch} -> ${peer} (${s.vrf} ${addressFamilyName(s.addressFamily)}${s.peerHostname ? ` ${s.neighbor}` : ''})`;
  const subject = { kind: 'bgp-session', id: sessionId(s), label } as const;
  // An operator's "neighbor ... shutdown" is intended; show it, but don't page anyone for it.
  if (s.adminState === 'Admin') {
    return finding(
      'bgp-session-down',
      'info',
      'bgp',
      subject,
      `BGP session ${label} is shut down by an administrator`,
      `intended maintenance? when done, run "no neighbor ${s.neighbor} shutdown" in FRR on ${s.switch}`,
    );
  }
  const group = s.peerGroup ? ` [${s.peerGroup}]` : '';
  const reset = s.lastResetReason ? `; last reset: ${oneLine(s.lastResetReason)}` : '';
  return finding(
    'bgp-session-down',
    'critical',
    'bgp',
    subject,
    `BGP session ${label}${group} is ${s.state}, not Established${downFor(s, now)}${reset}`,
    s.state === 'Idle' || s.state === 'Active'
      ? `check the cable and the peer ${peer} is up and configured (Idle/Active: no TCP session to the peer)`
      : `the peer ${peer} answers but the session does not come up: compare AS numbers and capabilities on both sides`,
  );
}

/** "; down 5m, dropped 3 times" where FRR says it: how long, and whether it flaps. */
function downFor(s: BgpSession, now: number): string {
  const parts = [
    ...(s.downSince !== undefined ? [`down ${formatAge(now - s.downSince)}`] : []),
    ...(s.drops ? [`dropped ${s.drops} time${s.drops === 1 ? '' : 's'}`] : []),
  ];
  return parts.length ? `; ${parts.join(', ')}` : '';
}
