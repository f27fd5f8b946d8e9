import { TRANSIENT_PHASES } from '../../health/machine-rules';
import type { BackupComponent } from '../../model/backup';
import type { ControlPlane } from '../../model/control-plane';
import type { Machine } from '../../model/machine';
import type { Shoot } from '../../model/shoot';
import type { RackSnapshot } from '../../model/snapshot';
import type { TopoNode } from '../../model/topology';

/**
 * What a recovery needs to know about the live rack, read only from the snapshot (never from the sim's
 * layout), so the same proposal works on a real rack once real sources deliver the same model.
 */
export interface RackFacts {
  readonly bootstrap?: TopoNode;
  readonly bootstrapDown: boolean;
  /** Machines without power or network that are not merely re-provisioning (a reboot walks PXE on its own). */
  readonly machinesDown: readonly Machine[];
  /** Shoots ("project/name") that host a nested control plane (MEP-18's Matryoshka layer). */
  readonly nestedHosts: ReadonlySet<string>;
  /** Down machines allocated to those hosting shoots. */
  readonly hostMachinesDown: readonly Machine[];
  /** Every machine of the hosting shoots is down (firewalls too): nothing of the nested layer survived. */
  readonly allHostMachinesDown: boolean;
  readonly controlPlanesDown: readonly ControlPlane[];
  readonly controlPlanesUp: readonly ControlPlane[];
  /** Components whose newest version is much smaller than the last good one: probably an empty database. */
  readonly suspiciousBackups: readonly BackupComponent[];
  readonly unhealthyShoots: readonly Shoot[];
}

export function rackFacts(snapshot: RackSnapshot): RackFacts {
  const nodes = new Map(snapshot.topology.nodes.map((n) => [n.id, n]));
  const bootstrap = snapshot.topology.nodes.find((n) => n.role === 'bootstrap');
  const k3s = snapshot.controlPlanes.find((c) => c.kind === 'k3s');
  const bootstrapDown = bootstrap ? bootstrap.reachability === 'down' : k3s !== undefined && !k3s.reachable;
  const machinesDown = snapshot.machines.filter((m) => isDown(m, nodes.get(m.id)));
  const nestedHosts = new Set(snapshot.controlPlanes.filter((c) => c.layer === 'nested').map((c) => c.hostedOn));
  const onHosts = (m: Machine) => m.allocation?.cluster !== undefined && nestedHosts.has(m.allocation.cluster);
  const hostMachines = snapshot.machines.filter(onHosts);
  const hostMachinesDown = machinesDown.filter(onHosts);
  return {
    ...(bootstrap ? { bootstrap } : {}),
    bootstrapDown,
    machinesDown,
    nestedHosts,
    hostMachinesDown,
    allHostMachinesDown: hostMachines.length > 0 && hostMachinesDown.length === hostMachines.length,
    controlPlanesDown: snapshot.controlPlanes.filter((c) => !c.reachable),
    controlPlanesUp: snapshot.controlPlanes.filter((c) => c.reachable),
    // The backup judge's verdict on the snapshot: the newest version looks empty.
    suspiciousBackups: snapshot.backups.filter((b) => snapshot.backupVerdicts.get(b.id)?.sizeDrop !== undefined),
    unhealthyShoots: snapshot.shoots.filter((s) => !s.hibernated && s.conditions.some((c) => c.status !== 'True')),
  };
}

/** Link down and no provisioning in progress: powered off or dead, not a machine that is just rebooting. */
function isDown(m: Machine, node: TopoNode | undefined): boolean {
  if (node?.reachability !== 'down') return false;
  return !(m.phase !== undefined && TRANSIENT_PHASES.has(m.phase));
}

/** "machine01, machine02 (+3 more)": short enough for one line of a summary. */
export function nameList(names: readonly string[], max = 4): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} (+${names.length - max} more)` : shown;
}

export function machineName(m: Machine): string {
  return m.name || m.allocation?.hostname || m.id;
}

/** "metal-db (initial metal-stack)": both control plane layers run databases of the same names. */
export function componentLabel(b: BackupComponent): string {
  return `${b.name} (${b.owner})`;
}
