import type { BackupComponent } from '../../model/backup';
import type { RackSnapshot } from '../../model/snapshot';
import type { RecoveryScenario } from './scenario';
import { rackFacts } from './scenario-facts';

/**
 * What a recovery touches, decided once from the snapshot the operator assessed, in the order metal-stack boots:
 * the bootstrap node and k3s first, then the initial control planes' databases (metal-api answers again), then
 * the machines (they PXE-boot into metal-hammer, which asks metal-api what to do), then the nested databases.
 */
export interface RecoveryPlan {
  readonly scenario: RecoveryScenario;
  /** The bootstrap node to re-install with k3s, when it is down. */
  readonly bootstrap?: string;
  /** k3s's own etcd snapshot to restore (the cluster state), when k3s is lost. */
  readonly k3s?: BackupComponent;
  /** Databases of the initial control planes (in k3s) to restore. */
  readonly initial: readonly BackupComponent[];
  /** Machines to power on. */
  readonly machines: readonly string[];
  /** Databases of the nested control planes (in the hosting shoots) to restore. */
  readonly nested: readonly BackupComponent[];
}

/** Every component the plan restores, in restore order. */
export function restoredBy(plan: RecoveryPlan): BackupComponent[] {
  return [...(plan.k3s ? [plan.k3s] : []), ...plan.initial, ...plan.nested];
}

/**
 * `components`: for empty-backup-after-restart, the components to restore as an earlier assessment found them (a
 * resumed run on a real rack rebuilds its plan from the live rack, where a promote has already hidden the sign).
 */
export function planRecovery(scenario: RecoveryScenario, snapshot: RackSnapshot, components?: readonly string[]): RecoveryPlan {
  const f = rackFacts(snapshot);
  const bootstrap = f.bootstrap?.id ?? 'bootstrap';
  const k3s = snapshot.backups.find((b) => b.tool === 'k3s-etcd-snapshot');
  const initial = initialComponents(snapshot);
  const lostHosts = new Set(f.hostMachinesDown.map((m) => m.allocation?.cluster ?? ''));
  const machines = f.machinesDown.map((m) => m.id);
  switch (scenario) {
    case 'k3s-lost':
      return { scenario, bootstrap, ...(k3s ? { k3s } : {}), initial, machines: [], nested: [] };
    case 'shoot-workers-lost':
      return { scenario, initial: [], machines, nested: nestedComponents(snapshot, lostHosts) };
    case 'rack-lost':
      return { scenario, bootstrap, ...(k3s ? { k3s } : {}), initial, machines, nested: nestedComponents(snapshot, f.nestedHosts) };
    case 'empty-backup-after-restart': {
      const suspicious = components
        ? snapshot.backups.filter((b) => components.includes(b.id))
        : f.suspiciousBackups.length
          ? f.suspiciousBackups
          : snapshot.backups.filter((b) => b.id === 'initial-metal-db');
      const isInitial = new Set(initial.map((b) => b.id));
      return { scenario, initial: suspicious.filter((b) => isInitial.has(b.id)), machines: [], nested: suspicious.filter((b) => !isInitial.has(b.id) && b.tool !== 'k3s-etcd-snapshot') };
    }
  }
}

/** The databases of the control planes running in k3s. */
function initialComponents(snapshot: RackSnapshot): BackupComponent[] {
  const initialNames = new Set(snapshot.controlPlanes.filter((c) => c.layer === 'initial').map((c) => c.name));
  return snapshot.backups.filter((b) => b.tool !== 'k3s-etcd-snapshot' && initialNames.has(b.owner));
}

/**
 * The nested control planes' databases on the given shoots. The shoots' own etcd (etcd-<project>-<name>) is
 * left out: it runs in the seed, not on the lost workers, and etcd-druid restores it by itself if needed.
 */
function nestedComponents(snapshot: RackSnapshot, hosts: ReadonlySet<string>): BackupComponent[] {
  return snapshot.backups.filter((b) => hosts.has(b.owner) && b.id !== `etcd-${b.owner.replace('/', '-')}`);
}
