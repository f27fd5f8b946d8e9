import type { BackupComponent } from '../../model/backup';
import type { ControlPlane } from '../../model/control-plane';
import type { RackSnapshot } from '../../model/snapshot';
import type { RecoveryScenario } from './scenario';
import { rackFacts } from './scenario-facts';

/**
 * What a recovery touches, decided once from the snapshot the operator assessed: which nodes to power on and
 * which backup components to restore, in restore order (k3s's etcd before what runs in k3s, initial before nested).
 */
export interface RecoveryPlan {
  readonly scenario: RecoveryScenario;
  /** The bootstrap node to power on and re-provision, when it is down. */
  readonly bootstrap?: string;
  readonly machines: readonly string[];
  readonly restore: readonly BackupComponent[];
}

export function planRecovery(scenario: RecoveryScenario, snapshot: RackSnapshot, sizeDropRatio = 0.5): RecoveryPlan {
  const f = rackFacts(snapshot, sizeDropRatio);
  const bootstrapId = f.bootstrap?.id ?? 'bootstrap';
  const machineIds = f.machinesDown.map((m) => m.id);
  const initial = initialComponents(snapshot);
  const nestedOf = (hosts: ReadonlySet<string>) => nestedComponents(snapshot, hosts);
  const lostHosts = new Set(f.hostMachinesDown.map((m) => m.allocation?.cluster ?? ''));
  switch (scenario) {
    case 'k3s-lost':
      return { scenario, bootstrap: bootstrapId, machines: [], restore: initial };
    case 'shoot-workers-lost':
      return { scenario, machines: machineIds, restore: nestedOf(lostHosts) };
    case 'rack-lost':
      return { scenario, bootstrap: bootstrapId, machines: machineIds, restore: [...initial, ...nestedOf(f.nestedHosts)] };
    case 'empty-backup-after-restart': {
      const suspicious = f.suspiciousBackups.length ? f.suspiciousBackups : snapshot.backups.filter((b) => b.id === 'initial-metal-db');
      return { scenario, machines: [], restore: suspicious };
    }
  }
}

/** k3s's own etcd first (the cluster state), then the databases of the control planes running in k3s. */
function initialComponents(snapshot: RackSnapshot): BackupComponent[] {
  const initialNames = new Set(snapshot.controlPlanes.filter((c) => c.layer === 'initial').map((c) => c.name));
  const out = snapshot.backups.filter((b) => b.tool === 'k3s-etcd-snapshot' || initialNames.has(b.owner));
  return out.sort((a, b) => Number(b.tool === 'k3s-etcd-snapshot') - Number(a.tool === 'k3s-etcd-snapshot'));
}

/**
 * The nested control planes' databases on the given shoots. The shoots' own etcd (etcd-<project>-<name>) is
 * left out: it runs in the seed, not on the lost workers, and etcd-druid restores it by itself if needed.
 */
function nestedComponents(snapshot: RackSnapshot, hosts: ReadonlySet<string>): BackupComponent[] {
  return snapshot.backups.filter((b) => hosts.has(b.owner) && b.id !== `etcd-${b.owner.replace('/', '-')}`);
}

/** The control plane whose data a component holds: it must answer again before its restore is verified. */
export function controlPlaneOf(b: BackupComponent, planes: readonly ControlPlane[]): ControlPlane | undefined {
  if (b.tool === 'k3s-etcd-snapshot') return planes.find((c) => c.kind === 'k3s');
  return planes.find((c) => c.name === b.owner) ?? planes.find((c) => c.layer === 'nested' && c.hostedOn === b.owner && c.kind === kindOf(b));
}

function kindOf(b: BackupComponent): ControlPlane['kind'] {
  return b.database === 'etcd' ? 'gardener' : 'metal-stack';
}

export function componentLabel(b: BackupComponent): string {
  return `${b.name} (${b.owner})`;
}
