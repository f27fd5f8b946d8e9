import type { Machine, MachineAllocation, MachineIpmi, MachineIssue, MachineNetwork } from '../model/machine';
import { type EpochMs, MINUTE } from '../model/time';
import { formatAge } from '../text/format-age';
import { isoSeconds } from '../text/time-text';
import { blank, type DetailLine, facts, heading, line } from './detail-lines';
import { lastEventAt, machineMarks, RECENT_ERROR } from './machine-marks';
import { machineTimeline } from './machine-timeline';
import type { Tone } from './rows';

/** metal-api's bmc-info-outdated: the BMC's facts are stale when metal-bmc has not reported for this long. */
const BMC_OUTDATED = 20 * MINUTE;
const SEVERITY_TONE: Record<MachineIssue['severity'], Tone> = { critical: 'critical', major: 'warning', minor: 'info' };

/**
 * A machine as `metalctl machine describe` and `machine issues` would tell it. The first screen holds what says
 * whether it is well (facts, marks, a line on its allocation, the issues) and the start of its event timeline with
 * the gaps; the whole allocation and the BMC's facts follow the timeline.
 */
export function machineDetail(m: Machine, now: EpochMs): DetailLine[] {
  const last = lastEventAt(m);
  const error = m.lastErrorEvent;
  const a = m.allocation;
  return [
    heading(m.name === m.id ? `Machine ${m.id}` : `Machine ${m.name} (${m.id})`),
    ...facts([
      ['partition/rack', `${m.partition || '-'}/${m.rack || '-'}`],
      ['size', m.size],
      ['role', m.role],
      ['liveliness', m.liveliness, m.liveliness === 'Alive' ? undefined : m.liveliness === 'Dead' ? 'critical' : 'warning'],
      ['marks', machineMarks(m, now).join(' ') || 'none'],
      ['lock', m.lock ? `${m.lock}${m.lockReason ? `: ${m.lockReason}` : ' (no reason given)'}` : undefined],
      ['power', m.power === 'no-bmc' ? 'no BMC (power actions impossible; use the power button)' : m.power],
      ['LED', m.led],
      ['allocation', a ? `${a.hostname ?? a.name}${a.cluster ? ` (shoot ${a.cluster})` : ''}` : 'not allocated'],
      ['uplinks', m.uplinks.join(', ')],
      ['last event', last === undefined ? 'none' : `${m.events[0]?.event ?? '-'}, ${ago(last, now)}`],
      ['last error', error ? `${error.event}${error.message ? `: ${error.message}` : ''}, ${ago(error.time, now)}` : undefined, error && now - error.time < RECENT_ERROR ? 'warning' : undefined],
      ['issues', m.issues === undefined ? 'not evaluated (no metal-api reports on this machine)' : m.issues.length ? undefined : 'none'],
    ]),
    ...issueLines(m.issues ?? []),
    blank,
    ...machineTimeline(m, now),
    ...(a ? [blank, ...allocationLines(a, now)] : []),
    blank,
    ...bmcLines(m, now),
  ];
}

function ago(t: EpochMs, now: EpochMs): string {
  return `${formatAge(now - t)} ago (${isoSeconds(t)} UTC)`;
}

function issueLines(issues: readonly MachineIssue[]): DetailLine[] {
  if (!issues.length) return [];
  const out = [blank, heading(`Issues (${issues.length}, evaluated by metal-api)`)];
  for (const i of issues) {
    out.push(line(`${i.severity.padEnd(9)}${i.id}: ${i.description}`, SEVERITY_TONE[i.severity], 9));
    // On a line of its own and barely indented, so a terminal can open it and 80 columns rarely break it.
    if (i.refUrl) out.push(line(`    ${i.refUrl}`));
  }
  return out;
}

function allocationLines(a: MachineAllocation, now: EpochMs): DetailLine[] {
  const vpn = a.vpnConnected === undefined ? undefined : a.vpnConnected ? 'connected' : 'not connected';
  return [
    heading('Allocation'),
    ...facts([
      ['project', a.project],
      ['shoot', a.cluster],
      ['hostname', a.hostname],
      ['name', a.name === a.hostname ? undefined : a.name],
      ['image', a.image],
      ['created', a.created === undefined ? undefined : ago(a.created, now)],
      ['succeeded', a.succeeded ? 'yes' : 'no (still installing)', a.succeeded ? undefined : 'info'],
      ['VPN', vpn],
    ]),
    ...(a.networks?.length ? [line(`networks (${a.networks.length})`), ...a.networks.map(networkLine)] : []),
  ];
}

/** "  internet-mini-rack  185.1.2.3  VRF 104009  ASN 4200003073  external" */
function networkLine(n: MachineNetwork): DetailLine {
  const kind = [n.private ? 'private' : '', n.underlay ? 'underlay' : ''].filter(Boolean).join(' ') || 'external';
  const parts = [n.id, n.ips.join(', ') || 'no IPs', n.vrf === undefined ? '' : `VRF ${n.vrf}`, n.asn === undefined ? '' : `ASN ${n.asn}`, kind];
  return line(`  ${parts.filter(Boolean).join('  ')}`, undefined, 4);
}

function bmcLines(m: Machine, now: EpochMs): DetailLine[] {
  const i = m.ipmi;
  if (!i) return [heading('BMC (IPMI)'), line(m.power === 'no-bmc' ? 'this machine has no BMC' : 'no BMC facts reported', 'muted')];
  const stale = i.lastUpdated === undefined || now - i.lastUpdated >= BMC_OUTDATED;
  return [
    heading('BMC (IPMI)'),
    ...facts([
      ['address', i.address || 'none', i.address ? undefined : 'warning'],
      ['MAC', i.mac || 'none', i.mac ? undefined : 'warning'],
      ['BMC version', i.bmcVersion],
      ['last update', `${i.lastUpdated === undefined ? 'never' : ago(i.lastUpdated, now)}${stale ? ': outdated (older than 20m)' : ''}`, stale ? 'warning' : undefined],
      ['power supplies', supplies(i), i.powerSupplies.some((p) => p.health && p.health !== 'OK') ? 'warning' : undefined],
      ['power draw', i.averageWatts === undefined ? undefined : `${Math.round(i.averageWatts)} W (average)`],
    ]),
  ];
}

/** "2: OK Enabled, Critical Enabled" */
function supplies(i: MachineIpmi): string | undefined {
  if (!i.powerSupplies.length) return undefined;
  return `${i.powerSupplies.length}: ${i.powerSupplies.map((p) => [p.health, p.state].filter(Boolean).join(' ') || 'unknown').join(', ')}`;
}
