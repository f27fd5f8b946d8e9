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
}
