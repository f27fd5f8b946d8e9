import { counted } from '../text/count';
import type { Machine, ProvisioningEventType } from '../model/machine';
import type { RackObservation } from '../model/snapshot';
import { formatAge } from '../text/format-age';
import type { Finding } from './finding';
import { machineIssueFindings, SERVER_COVERS } from './machine-issue-rules';
import { finding, oneLine } from './make-finding';
import type { HealthOptions } from './options';
import { machineSessionCounter } from './peers';

/**
 * Phases a machine should pass through within minutes. Waiting (free, ready for allocation) and Phoned Home
 * (running its OS) are where machines rest for days; Alive is only a heartbeat and never a phase on its own.
 */
export const TRANSIENT_PHASES: ReadonlySet<ProvisioningEventType> = new Set([
  'PXE Booting',
  'Planned Reboot',
  'Preparing',
  'Registering',
  'Installing',
  'Booting New Kernel',
  'Machine Reclaim',
  'Crashed',
]);

export function machineRules(snapshot: RackObservation, options: HealthOptions): Finding[] {
  const sessionsTo = machineSessionCounter(snapshot.bgp.switches);
  return snapshot.machines.flatMap((m) => {
    const own = machineFindings(m, snapshot.takenAt, options, sessionsTo(m).down);
    if (!m.issues) return own;
    // metal-api evaluated this machine: its issues speak for what they cover (machine-issue-rules.ts).
    const ids = new Set(m.issues.map((i) => i.id));
    return [...own.filter((f) => !(SERVER_COVERS[f.rule] !== undefined && ids.has(SERVER_COVERS[f.rule] as string))), ...machineIssueFindings(m, machineLabel(m))];
  });
}

/** Machine names are often empty in metal-api; fall back to the allocation's hostname, then the id. */
export function machineLabel(m: Machine): string {
  return m.name || m.allocation?.hostname || m.allocation?.name || m.id;
}

/** `downSessions`: the BGP rules leave a lost machine's sessions to this finding, so it carries their count. */
function machineFindings(m: Machine, now: number, options: HealthOptions, downSessions: number): Finding[] {
  const label = machineLabel(m);
  const subject = { kind: 'machine', id: m.id, label } as const;
  const what = m.role === 'firewall' ? 'firewall' : 'machine';
  const bgp = downSessions > 0 ? `; ${counted(downSessions, 'BGP session')} to it down` : '';
  const out: Finding[] = [];
  const shoot = m.role === 'firewall' ? m.allocation?.cluster : undefined;
  if (m.liveliness === 'Dead' && shoot) {
    // A shoot's one firewall routes its nodes out (internet, the control plane in the seed): its loss is the shoot's.
    out.push(
      finding(
        'firewall-dead',
        'critical',
        'machines',
        subject,
        `firewall ${label} of shoot ${shoot} is Dead: the shoot's nodes lose their way out to the internet and to their control plane${phaseText(m, now)}${bgp}`,
        `bring it back (${m.power === 'no-bmc' ? 'power and cables at the box, its power button' : `metalctl machine ipmi ${m.id}, its console`}), or let the firewall-controller-manager in the seed replace it: check the shoot's Firewall objects there`,
      ),
    );
  } else if (m.liveliness === 'Dead') {
    out.push(
      finding(
        'machine-dead',
        'critical',
        'machines',
        subject,
        `${what} ${label} is Dead: no event for more than 5 minutes${phaseText(m, now)}${bgp}`,
        m.power === 'no-bmc'
          ? `no BMC: check power and cables at the box, press its power button to PXE-boot it`
          : `check power (metalctl machine ipmi ${m.id}) and its console`,
      ),
    );
  } else if (m.liveliness === 'Unknown') {
    out.push(
      finding(
        'machine-liveliness-unknown',
        'warning',
        'machines',
        subject,
        `${what} ${label} has stopped phoning home (liveliness Unknown)${phaseText(m, now)}${bgp}`,
        m.allocation?.cluster
          ? `check the node in shoot ${m.allocation.cluster} (kubectl get node) and that the OS still reports to metal-api`
          : 'check that the installed OS is running and still reports to metal-api',
      ),
    );
  }
  if (m.crashLoop) {
    const err = m.lastErrorEvent ? `: ${oneLine(m.lastErrorEvent.message) || m.lastErrorEvent.event}` : '';
    out.push(
      finding(
        'machine-crash-loop',
        'critical',
        'machines',
        subject,
        `${what} ${label} is in a crash loop${err}`,
        `read its events (metalctl machine describe ${m.id}); a Machine Reclaim or a successful Phoned Home clears the flag`,
      ),
    );
  }
  if (m.failedReclaim) {
    out.push(
      finding(
        'machine-failed-reclaim',
        'warning',
        'machines',
        subject,
        `${what} ${label} did not PXE-boot after it was freed (failed reclaim); it still runs its old OS`,
        'PXE-boot it by hand (power button or IPMI boot-from-pxe) so it is wiped and goes back to Waiting',
      ),
    );
  }
  // The crash loop finding already says it: a Crashed phase in a loop is not additionally "stuck".
  if (m.phase && TRANSIENT_PHASES.has(m.phase) && m.phaseSince !== undefined && !m.crashLoop) {
    const age = now - m.phaseSince;
    if (age > options.stuckPhaseAfter) {
      out.push(
        finding(
          'machine-stuck',
          'warning',
          'machines',
          subject,
          `${what} ${label} has been in phase ${m.phase} for ${formatAge(age)}`,
          stuckHint(m.phase),
        ),
      );
    }
  }
  return out;
}

function phaseText(m: Machine, now: number): string {
  if (!m.phase) return '';
  return m.phaseSince === undefined ? `; phase ${m.phase}` : `; phase ${m.phase} for ${formatAge(now - m.phaseSince)}`;
}

function stuckHint(phase: ProvisioningEventType): string {
  switch (phase) {
    case 'PXE Booting':
    case 'Machine Reclaim':
      return 'check DHCP/pixiecore on the leaf and the machine cable; watch its console during boot';
    case 'Installing':
    case 'Booting New Kernel':
      return 'check image download and disk; watch the console, then reinstall or free the machine';
    default:
      return 'watch its console; if metal-hammer hangs, power-cycle it to PXE-boot again';
  }
}
