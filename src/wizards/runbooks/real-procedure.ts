import { versionName } from '../../backups/judge';
import { type BackupComponent, type BackupVersion, COPY_OF_METADATA } from '../../model/backup';
import type { Machine } from '../../model/machine';
import { MINUTE } from '../../model/time';
import type { RealCall } from '../engine/calls';

/**
 * The calls a real rack needs, per kind of backup component. Each procedure is consistent with itself: a database
 * is stopped before its data is touched, nothing is run inside a pod the plan has stopped, and a restore works
 * the way the tool restores by itself (the sidecar restores the newest version into an empty data directory, so
 * the chosen version is made the newest first). Names follow the mini-lab / metal-roles layout (namespace
 * metal-control-plane, StatefulSet = database name, PVC `<name>-<name>-0`) and etcd-druid's (StatefulSet = Etcd
 * name, PVC `<volumeClaimTemplate>-<name>-0`); see the backups domain notes.
 */
interface Place {
  /** kubeconfig context of the cluster the database runs in. */
  readonly context: string;
  readonly namespace: string;
  readonly statefulSet: string;
  /** The PVC of pod 0 holding the data directory. */
  readonly pvc: string;
}

const ETCD_SUSPEND = 'druid.gardener.cloud/suspend-etcd-spec-reconcile';
const ETCD_UNPROTECT = 'druid.gardener.cloud/disable-etcd-component-protection';
/** Metadata on a promoted copy, naming the version whose data it holds (read back by the S3 source as copyOf). */
export const RESTORED_FROM = COPY_OF_METADATA.versionId;

export function shootContext(owner: string): string {
  return `shoot--${owner.replace('/', '--')}`;
}

function placeOf(b: BackupComponent): Place {
  const db = (context: string): Place => ({ context, namespace: 'metal-control-plane', statefulSet: b.name, pvc: `${b.name}-${b.name}-0` });
  if (b.id.startsWith('initial-')) return db('k3s');
  if (b.id.startsWith('nested-')) return db(shootContext(b.owner));
  // gardener-operator's virtual garden etcd (unconfirmed: its volumeClaimTemplate is taken to be the default).
  if (b.id === 'virtual-garden-etcd') return { context: shootContext(b.owner), namespace: 'garden', statefulSet: 'virtual-garden-etcd-main', pvc: 'virtual-garden-etcd-main-virtual-garden-etcd-main-0' };
  // A shoot's own etcd-main in its seed namespace; Gardener names its volume claim template main-etcd.
  return { context: 'k3s', namespace: `shoot--${b.owner.replace('/', '--')}`, statefulSet: 'etcd-main', pvc: 'main-etcd-etcd-main-0' };
}

const kube = (p: Place, verb: Extract<RealCall, { kind: 'kube' }>['verb'], resource: Extract<RealCall, { kind: 'kube' }>['resource'], name: string, args?: Record<string, string | number>): RealCall => ({
  kind: 'kube',
  context: p.context,
  namespace: p.namespace,
  verb,
  resource,
  name,
  ...(args ? { args } : {}),
});

/** What a component's database is called where it runs, for step texts; `context` names the kubeconfig context a cluster maps to. */
export function whereItRuns(b: BackupComponent, context: (name: string) => string = (c) => c): string {
  const p = placeOf(b);
  return `StatefulSet ${p.statefulSet} in ${p.namespace} (context ${context(p.context)})`;
}

/** The data volume (PVC of pod 0) a clear deletes, for what a step says it will do. */
export function dataVolumeOf(b: BackupComponent, context: (name: string) => string = (c) => c): string {
  const p = placeOf(b);
  return `PVC ${p.pvc} in ${p.namespace} (context ${context(p.context)})`;
}

/**
 * Stop the database and with it its backups: the StatefulSet scaled to 0 is what keeps new (possibly empty)
 * uploads out. etcd-druid would scale it back, so its reconciliation is suspended first.
 */
export function stopCalls(b: BackupComponent): RealCall[] {
  const p = placeOf(b);
  const druid = b.tool === 'etcd-backup-restore'
    ? [kube(p, 'annotate', 'etcd', p.statefulSet, { annotation: `${ETCD_SUSPEND}=true` }), kube(p, 'annotate', 'etcd', p.statefulSet, { annotation: `${ETCD_UNPROTECT}=true` })]
    : [];
  return [...druid, kube(p, 'scale', 'statefulset', p.statefulSet, { replicas: 0 }), kube(p, 'wait', 'pod', `${p.statefulSet}-0`, { for: 'delete', timeout: '5m' })];
}

/** Start it again: on an empty data directory the backup tool first restores the newest version, then serves. */
export function startCalls(b: BackupComponent): RealCall[] {
  const p = placeOf(b);
  return [kube(p, 'scale', 'statefulset', p.statefulSet, { replicas: 1 })];
}

export function waitReadyCalls(b: BackupComponent): RealCall[] {
  const p = placeOf(b);
  return [kube(p, 'wait', 'pod', `${p.statefulSet}-0`, { for: 'condition=Ready', timeout: '15m' })];
}

/** Hands the Etcd back to etcd-druid once it runs on the restored data. */
export function releaseCalls(b: BackupComponent): RealCall[] {
  if (b.tool !== 'etcd-backup-restore') return [];
  const p = placeOf(b);
  return [kube(p, 'annotate', 'etcd', p.statefulSet, { annotation: `${ETCD_SUSPEND}-` }), kube(p, 'annotate', 'etcd', p.statefulSet, { annotation: `${ETCD_UNPROTECT}-` })];
}

/**
 * The sidecar restores "the newest version by LastModified", so the chosen one is made the newest: S3 CopyObject of
 * that VersionId onto the same key, with metadata naming the source, then HeadObject to see the copy is there.
 */
export function promoteCalls(b: BackupComponent, v: BackupVersion): RealCall[] {
  const s = b.store;
  return [
    { kind: 's3', op: 'copy-version', endpoint: s.endpoint, bucket: s.bucket, key: v.key, versionId: v.versionId, metadata: { [RESTORED_FROM]: v.versionId, [COPY_OF_METADATA.time]: new Date(v.time).toISOString() } },
    { kind: 's3', op: 'head-object', endpoint: s.endpoint, bucket: s.bucket, key: v.key },
  ];
}

/**
 * Before the sidecar's data is touched, its versions are read again live: the chosen one must still be there and
 * nothing but a copy of it may have been uploaded since the choice (`newestSeen`, the newest then).
 */
export function recheckCalls(b: BackupComponent, v: BackupVersion, newestSeen: string | undefined): RealCall[] {
  if (b.tool !== 'backup-restore-sidecar') return [];
  const s = b.store;
  return [{ kind: 's3', op: 'check-versions', endpoint: s.endpoint, bucket: s.bucket, key: v.key, versionId: v.versionId, ...(newestSeen ? { newestSeen } : {}) }];
}

/**
 * etcd-backup-restore restores the newest full snapshot and the deltas after it: snapshots newer than the chosen
 * one are moved aside (copied under quarantine/, then deleted; the versioned bucket keeps them recoverable).
 */
export function setAsideCalls(b: BackupComponent, newer: readonly BackupVersion[], runId: string): RealCall[] {
  const s = b.store;
  const root = s.prefix.replace(/v2\/$/, '');
  return newer.flatMap((v): RealCall[] => [
    { kind: 's3', op: 'copy-object', endpoint: s.endpoint, bucket: s.bucket, key: v.key, to: `${root}quarantine/${runId}/${versionName(b, v)}` },
    { kind: 's3', op: 'delete-object', endpoint: s.endpoint, bucket: s.bucket, key: v.key },
  ]);
}

/** Deleting the PVC of pod 0 empties the data directory, which is what makes the tool restore on start. */
export function clearDataCalls(b: BackupComponent): RealCall[] {
  const p = placeOf(b);
  return [kube(p, 'delete', 'persistentvolumeclaim', p.pvc)];
}

const ssh = (...argv: string[]): RealCall => ({ kind: 'command', argv: ['ssh', 'bootstrap', 'sudo', ...argv] });
const K3S_CONFIG = '/etc/rancher/k3s/config.yaml';

/**
 * k3s restores a named snapshot into a stopped server with --cluster-reset. The S3 endpoint, region, bucket and
 * folder are given; the credentials are read by k3s from etcd-s3-access-key / etcd-s3-secret-key in its config
 * file (as the bootstrap playbook writes them), never put on a command line.
 */
export function k3sRestoreCalls(b: BackupComponent, v: BackupVersion): RealCall[] {
  const s = b.store;
  return [
    ssh('systemctl', 'stop', 'k3s'),
    ssh(
      'k3s',
      'server',
      '--cluster-reset',
      `--cluster-reset-restore-path=${versionName(b, v)}`,
      '--etcd-s3',
      `--etcd-s3-endpoint=${hostOf(s.endpoint)}`,
      ...(s.region ? [`--etcd-s3-region=${s.region}`] : []),
      `--etcd-s3-bucket=${s.bucket}`,
      `--etcd-s3-folder=${s.prefix.replace(/\/$/, '')}`,
    ),
    ssh('systemctl', 'start', 'k3s'),
    { kind: 'kube', context: 'k3s', namespace: 'default', verb: 'wait', resource: 'node', name: 'bootstrap', args: { for: 'condition=Ready', timeout: '10m' } },
  ];
}

/** The bootstrap node is re-installed by the pipeline that set it up (MEP-18: k3s via Ansible), snapshots off. */
export function reprovisionCalls(): RealCall[] {
  return [{ kind: 'command', argv: ['ansible-playbook', '-i', 'inventories/initial', 'initial-cluster.yaml', '--limit', 'bootstrap', '--extra-vars', 'k3s_etcd_disable_snapshots=true'] }];
}

/** Scheduled k3s snapshots on again (the playbook wrote etcd-disable-snapshots: true). */
export function k3sSnapshotsOnCalls(): RealCall[] {
  return [ssh('sed', '-i', '/^etcd-disable-snapshots:/d', K3S_CONFIG), ssh('systemctl', 'restart', 'k3s')];
}

/** Power on through the BMC, or by hand for machines without one (the mini-rack's Beelinks); they PXE-boot. */
export function powerOnCalls(m: Machine): RealCall[] {
  return m.power === 'no-bmc' ? [{ kind: 'manual', instruction: `press the power button of ${m.name || m.id}` }] : [{ kind: 'command', argv: ['metalctl', 'machine', 'power', 'on', m.id] }];
}

/** metal-api answers: what metal-hammer on a PXE-booting machine asks before anything else. */
export function metalApiCalls(): RealCall[] {
  return [{ kind: 'http', service: 'metal-api', method: 'GET', path: '/v1/health', timeout: 20 * MINUTE }];
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
