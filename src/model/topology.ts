import type { Vanished } from './bgp';
import type { EpochMs } from './time';

/**
 * The physical and logical layout of a rack: who is cabled to whom.
 * Built from LLDP neighbours, metal-api switch connections and the config's declared links.
 */
/**
 * neighbor: a device rackpilot only knows from LLDP or as the far end of a configured link (not a configured
 * switch, not known to metal-api), so its real role is unknown.
 */
export const NODE_ROLES = ['router', 'spine', 'leaf', 'exit', 'machine', 'firewall', 'bootstrap', 'neighbor'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** Whether rackpilot can currently see the node at all (ping, SSH, API heartbeat). */
export type Reachability = 'up' | 'down' | 'unknown';

export interface TopoNode {
  /** Stable id: switch name, machine id or router name. */
  readonly id: string;
  readonly name: string;
  readonly role: NodeRole;
  readonly addresses: readonly string[];
  readonly partition?: string;
  readonly rack?: string;
  /** Hardware or OS description, e.g. "Teltonika RUTX10" or "SONiC 202311". */
  readonly description?: string;
  readonly reachability: Reachability;
  /** A switch whose neighbours rackpilot reads (LLDP): how the newest read went. Absent for other nodes. */
  readonly neighbourRead?: NeighbourRead;
}

export interface NeighbourRead {
  /** Why the newest read failed (SSH, lldpd, garbage output); absent when it succeeded. */
  readonly error?: string;
  /** When the switch last answered with valid data. */
  readonly lastSeen?: EpochMs;
  /** The newest good read listed no neighbours where an earlier one listed some. */
  readonly vanished?: Vanished;
}

export const LINK_STATES = ['up', 'down', 'unknown'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** underlay: BGP fabric; management: DHCP management cable; uplink: to the router/internet; machine: switch to machine NIC. */
export const LINK_KINDS = ['underlay', 'management', 'uplink', 'machine'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface LinkEnd {
  readonly node: string;
  readonly port: string;
}

export interface Link {
  readonly id: string;
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  readonly state: LinkState;
  readonly kind: LinkKind;
}

export interface Topology {
  readonly nodes: readonly TopoNode[];
  readonly links: readonly Link[];
}
