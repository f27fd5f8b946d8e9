import type { EpochMs } from './time';

/**
 * A control plane (metal-stack or Gardener) and where it runs. MEP-18 chains two layers: the initial layer in
 * the k3s cluster on the bootstrap node, and the nested ("Matryoshka") layer inside the shoots.
 */
export interface ControlPlane {
  readonly id: string;
  readonly name: string;
  readonly kind: 'metal-stack' | 'gardener' | 'k3s';
  readonly layer: 'initial' | 'nested';
  /** Where it runs: "k3s" (bootstrap node) or a shoot "project/name". */
  readonly hostedOn: string;
  readonly reachable: boolean;
  readonly endpoint?: string;
  readonly lastSeen?: EpochMs;
  readonly message?: string;
  // Read from the cluster's API (the simulated rack leaves them out).
  /** The cluster's nodes: the k3s cluster's entry carries them. */
  readonly nodes?: readonly ClusterNode[];
  /** The Deployments and StatefulSets of this control plane's namespaces. */
  readonly workloads?: readonly Workload[];
  /** Pods that are not well: crash loops, image pulls, restarts. */
  readonly podProblems?: readonly PodProblem[];
}

export interface EtcdState {
  /** The cluster it was read from: "k3s", or the shoot that hosts a nested control plane. */
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** Ready, AllMembersReady, FullSnapshotBackupReady, DeltaSnapshotBackupReady as etcd-druid reports them. */
  readonly conditions: ReadonlyArray<{ readonly type: string; readonly status: 'True' | 'False' | 'Unknown'; readonly reason?: string; readonly since?: EpochMs }>;
}

export interface ClusterNode {
  readonly name: string;
  readonly ready: 'True' | 'False' | 'Unknown';
  /** Since when Ready has its value. */
  readonly since?: EpochMs;
  readonly kubeletVersion?: string;
  /** MemoryPressure, DiskPressure, PIDPressure conditions that are True. */
  readonly pressures: readonly string[];
}

export interface Workload {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly namespace: string;
  readonly name: string;
  readonly desired: number;
  readonly ready: number;
  /** A database whose data the backups hold (metal-db, masterdata-db, ipam-db, etcd …). */
  readonly database: boolean;
}

export interface PodProblem {
  readonly namespace: string;
  readonly name: string;
  /** CrashLoopBackOff, ImagePullBackOff, Error, OOMKilled … as kubectl's STATUS column says. */
  readonly reason: string;
  readonly restarts: number;
}
