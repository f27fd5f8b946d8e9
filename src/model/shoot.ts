import type { EpochMs } from './time';

export type ConditionStatus = 'True' | 'False' | 'Unknown' | 'Progressing';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: EpochMs;
}

export const OPERATION_TYPES = ['Create', 'Reconcile', 'Delete', 'Migrate', 'Restore', 'LiveMigrate'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];
export const OPERATION_STATES = ['Processing', 'Succeeded', 'Error', 'Failed', 'Pending', 'Aborted'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

export interface LastOperation {
  readonly type: OperationType;
  readonly state: OperationState;
  readonly progress: number;
  readonly description: string;
  readonly lastUpdateTime: EpochMs;
}

export interface LastError {
  readonly description: string;
  readonly taskID?: string;
  readonly codes?: readonly string[];
  readonly lastUpdateTime?: EpochMs;
}

export interface WorkerPool {
  readonly name: string;
  readonly minimum: number;
  readonly maximum: number;
  /** Nodes currently Ready in this pool; unknown (undefined) when read from the garden, which does not say. */
  readonly current?: number;
  readonly machineType: string;
}

export interface Shoot {
  readonly project: string;
  readonly name: string;
  /** Garden namespace, usually garden-<project>. */
  readonly namespace: string;
  readonly technicalId: string;
  readonly seed: string;
  readonly kubernetesVersion: string;
  readonly purpose: string;
  readonly partition?: string;
  readonly hibernated: boolean;
  readonly workers: readonly WorkerPool[];
  readonly lastOperation?: LastOperation;
  readonly conditions: readonly Condition[];
  readonly lastErrors: readonly LastError[];
  /** What this shoot hosts per the Matryoshka principle, e.g. "metal-stack control plane". */
  readonly hosts?: readonly string[];
  // Read from the garden (the simulated rack leaves them out): what `kubectl get shoots -o wide` shows besides.
  readonly cloudProfile?: string;
  readonly provider?: string;
  readonly region?: string;
  /** spec.hibernation.enabled: with `hibernated` it says Hibernated, Hibernating, Waking Up or Awake. */
  readonly hibernationEnabled?: boolean;
  /** The label shoot.gardener.cloud/status (healthy, progressing, unhealthy, unknown) Gardener computed. */
  readonly statusLabel?: string;
  readonly gardenerVersion?: string;
  readonly createdAt?: EpochMs;
  readonly constraints?: readonly Condition[];
}

/** A shoot's key, "project/name": how findings, backup owners, control planes and the Shoots pane name it. */
export function shootKey(s: Pick<Shoot, 'project' | 'name'>): string {
  return `${s.project}/${s.name}`;
}
