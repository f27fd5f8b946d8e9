import type { BackupComponent, BackupVersion } from '../../model/backup';
import type { Machine } from '../../model/machine';

/**
 * The commands an operator runs on a real rack for what the sim actions stand in for. They are shown in each
 * sim action's description so a drill teaches the real procedure; the real executor will run these argv arrays.
 * Names follow the mini-lab deployment (namespace metal-control-plane, gardener-operator's virtual garden).
 */
export type Argv = readonly string[];

interface Place {
  /** kubectl context of the cluster the database runs in. */
  readonly context: string;
  readonly namespace: string;
  readonly statefulSet: string;
}

/** Where a component's database runs, from its id and owner (see the sim layout and the backups domain notes). */
function placeOf(b: BackupComponent): Place {
  if (b.id.startsWith('initial-')) return { context: 'k3s', namespace: 'metal-control-plane', statefulSet: b.name };
  if (b.id.startsWith('nested-')) return { context: shootContext(b.owner), namespace: 'metal-control-plane', statefulSet: b.name };
  if (b.id === 'virtual-garden-etcd') return { context: shootContext(b.owner), namespace: 'garden', statefulSet: 'virtual-garden-etcd-main' };
  // A shoot's own etcd runs in its seed namespace shoot--<project>--<name>, managed by etcd-druid.
  return { context: 'k3s', namespace: `shoot--${b.owner.replace('/', '--')}`, statefulSet: 'etcd-main' };
}

function shootContext(owner: string): string {
  return `shoot--${owner.replace('/', '--')}`;
}

/** Stop scheduled uploads so an empty database started during recovery cannot push the good versions out. */
export function fenceCommand(b: BackupComponent): Argv {
  if (b.tool === 'k3s-etcd-snapshot') {
    return ['ssh', 'bootstrap', 'sudo', 'sed', '-i', 's/^etcd-snapshot-schedule-cron:.*/etcd-disable-snapshots: true/', '/etc/rancher/k3s/config.yaml'];
  }
  const p = placeOf(b);
  return ['kubectl', '--context', p.context, '-n', p.namespace, 'scale', 'statefulset', p.statefulSet, '--replicas=0'];
}

export function resumeCommand(b: BackupComponent): Argv {
  if (b.tool === 'k3s-etcd-snapshot') {
    return ['ssh', 'bootstrap', 'sudo', 'sed', '-i', `s/^etcd-disable-snapshots:.*/etcd-snapshot-schedule-cron: "${b.policy.schedule}"/`, '/etc/rancher/k3s/config.yaml'];
  }
  const p = placeOf(b);
  return ['kubectl', '--context', p.context, '-n', p.namespace, 'scale', 'statefulset', p.statefulSet, '--replicas=1'];
}

/** Restores exactly this version, never "the latest": the tools' automatic choice is what uploads empty backups. */
export function restoreCommand(b: BackupComponent, v: BackupVersion): Argv {
  const p = placeOf(b);
  switch (b.tool) {
    case 'backup-restore-sidecar':
      return ['kubectl', '--context', p.context, '-n', p.namespace, 'exec', `${p.statefulSet}-0`, '-c', 'backup-restore-sidecar', '--', 'backup-restore-sidecar', 'restore', v.versionId];
    case 'k3s-etcd-snapshot':
      return ['ssh', 'bootstrap', 'sudo', 'k3s', 'server', '--cluster-reset', '--etcd-s3', `--etcd-s3-bucket=${b.store.bucket}`, `--etcd-s3-folder=${b.store.prefix.replace(/\/$/, '')}`, `--cluster-reset-restore-path=${v.key.split('/').pop() ?? v.key}`];
    case 'etcd-backup-restore':
      return ['kubectl', '--context', p.context, '-n', p.namespace, 'exec', `${p.statefulSet}-0`, '-c', 'backup-restore', '--', 'etcdbrctl', 'restore', '--storage-provider=S3', `--store-container=${b.store.bucket}`, `--store-prefix=${b.store.prefix}`, `--snapshot=${v.key}`];
  }
}

/** Power on (BMC) or the front button for machines without one (the mini-rack's Beelinks); they PXE-boot again. */
export function powerOnCommand(m: Machine): Argv {
  return m.power === 'no-bmc' ? ['echo', `press the power button of ${m.name || m.id}`] : ['metalctl', 'machine', 'power', 'on', m.id];
}

/** The bootstrap node is re-installed by the CI pipeline that set it up (MEP-18: k3s via Ansible). */
export const REPROVISION_BOOTSTRAP: Argv = ['ansible-playbook', '-i', 'inventories/initial', 'initial-cluster.yaml', '--limit', 'bootstrap'];
