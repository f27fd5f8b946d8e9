import type { NodeIndex } from './node-index';
import type { BackupComponent, BackupPolicy, BackupStore } from '../model/backup';
import type { PeerIdType } from '../model/bgp';
import type { ControlPlane } from '../model/control-plane';
import type { MachineAllocation, MachineRole } from '../model/machine';
import type { Millis } from '../model/time';
import type { Link, TopoNode } from '../model/topology';

/**
 * The static shape of a simulated rack: what is cabled to what, which peerings are configured, which machines
 * belong to which shoot, which components are backed up. The engine keeps the changing state separately.
 */

/** Topology entries as they look when everything is up; the engine copies them only when something is down. */
export type NodeSpec = TopoNode & { readonly reachability: 'up' };
export type LinkSpec = Link & { readonly state: 'up' };

export interface FamilySpec {
  readonly vrf: string;
  readonly addressFamily: string;
  readonly received: number;
  readonly sent: number;
}

/** One configured BGP neighbour of a switch; one TCP session carrying one or more address families. */
export interface PeeringSpec {
  readonly index: number;
  readonly switch: string;
  readonly neighbor: string;
  readonly idType: PeerIdType;
  /** The node at the other end, whose readiness decides whether the session can come up. */
  readonly peerNode: string;
  readonly peerHostname: string;
  readonly remoteAs: number;
  readonly localAs: number;
  readonly peerGroup: string;
  /** Index of the cable the session runs over, in Layout.links. */
  readonly link?: number;
  readonly families: readonly FamilySpec[];
}

export interface SwitchSpec {
  readonly name: string;
  readonly role: 'spine' | 'leaf';
  readonly routerId: string;
  readonly as: number;
  readonly mgmtIp: string;
  readonly peerings: readonly PeeringSpec[];
}

export interface MachineSpec {
  readonly id: string;
  readonly name: string;
  readonly partition: string;
  readonly rack: string;
  readonly size: string;
  readonly role: MachineRole;
  readonly hasBmc: boolean;
  readonly uplinks: readonly string[];
  /** The shoot ("project/name") this machine is allocated to, if any. */
  readonly shoot?: string;
  /** The allocation it gets when installed (succeeded is set by the engine). */
  readonly allocation?: MachineAllocation;
}

export interface ShootSpec {
  readonly key: string;
  readonly project: string;
  readonly name: string;
  readonly technicalId: string;
  readonly partition: string;
  readonly purpose: string;
  readonly firewall: string;
  readonly workers: readonly string[];
  readonly poolName: string;
  readonly machineType: string;
  readonly hosts?: readonly string[];
  /** Minute of the hour at which this shoot is reconciled (Gardener spreads shoots over the sync period). */
  readonly reconcileMinute: number;
}

export type ControlPlaneSpec = Pick<ControlPlane, 'id' | 'name' | 'kind' | 'layer' | 'hostedOn' | 'endpoint'>;

/** What must be running for a component's backups to be taken: a control plane, or a shoot's own control plane. */
export type BackupHost = { readonly kind: 'control-plane'; readonly id: string } | { readonly kind: 'shoot'; readonly key: string };

export interface BackupSpec extends Pick<BackupComponent, 'id' | 'name' | 'database' | 'tool' | 'owner'> {
  readonly store: BackupStore;
  readonly policy: BackupPolicy;
  readonly host: BackupHost;
  /** Size of the newest version at the start of a steady rack. */
  readonly baseSize: number;
  /** Average growth per version and random extra on top. */
  readonly growth: number;
  readonly jitter: number;
  /** Offset of the cron tick within its interval, plus upload time: when the new version appears. */
  readonly phase: Millis;
  readonly uploadTime: Millis;
}

export interface Layout {
  readonly nodes: readonly NodeSpec[];
  readonly links: readonly LinkSpec[];
  readonly routerId: string;
  readonly bootstrapId: string;
  readonly switches: readonly SwitchSpec[];
  readonly peerings: readonly PeeringSpec[];
  readonly machines: readonly MachineSpec[];
  readonly shoots: readonly ShootSpec[];
  readonly controlPlanes: readonly ControlPlaneSpec[];
  readonly backups: readonly BackupSpec[];
  /** Indexes: link indexes per node id, peering indexes per node id (as switch or as peer). */
  readonly linksByNode: NodeIndex;
  readonly peeringsByNode: NodeIndex;
}
