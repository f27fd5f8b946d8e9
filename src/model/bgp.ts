import type { EpochMs } from './time';

/** The BGP finite state machine states, exactly as FRR prints them. */
export const BGP_STATES = ['Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'] as const;
export type BgpState = (typeof BGP_STATES)[number];

/** FRR address-family keys as in `show bgp vrf all summary json` (ipv4Unicast, ipv6Unicast, l2VpnEvpn, ...). */
export type AddressFamily = string;

/** How FRR identifies the peer: by an IP address, or by interface for BGP unnumbered. */
export type PeerIdType = 'ipv4' | 'ipv6' | 'interface' | 'unknown';

export interface BgpSession {
  readonly switch: string;
  readonly vrf: string;
  readonly addressFamily: AddressFamily;
  /** The peer key in FRR: a neighbour IP, or the interface name for unnumbered peers (e.g. "Ethernet120"). */
  readonly neighbor: string;
  readonly idType: PeerIdType;
  /** Only known once the hostname capability was received. */
  readonly peerHostname?: string;
  readonly remoteAs?: number;
  readonly localAs?: number;
  readonly peerGroup?: string;
  readonly state: BgpState;
  /** FRR peerState: OK, Admin (shut down), Policy, PfxCt. */
  readonly adminState?: string;
  readonly establishedSince?: EpochMs;
  /** When a session that is not Established left Established (FRR's uptime of a down peer); absent: never up. */
  readonly downSince?: EpochMs;
  /** FRR's connectionsDropped: how often the session went down since bgpd started (flaps). */
  readonly drops?: number;
  readonly prefixesReceived?: number;
  readonly prefixesSent?: number;
  readonly lastResetReason?: string;
}

/** One switch as the BGP source sees it: reachable and answering, or failed with a reason. */
export interface BgpSwitch {
  readonly name: string;
  readonly routerId?: string;
  readonly as?: number;
  readonly reachable: boolean;
  /** Why the switch could not be read (SSH refused, vtysh down, garbage output). */
  readonly error?: string;
  /**
   * What failed: `ssh` (the switch itself: no connection, host key, no answer), `bgpd` (the switch answered over
   * SSH, but vtysh failed: FRR's BGP daemon is not running) or `output` (what it printed is not FRR's JSON).
   * Absent while it reads fine.
   */
  readonly failure?: 'ssh' | 'bgpd' | 'output';
  /** When the switch last answered with valid data. */
  readonly lastSeen?: EpochMs;
  readonly sessions: readonly BgpSession[];
  /** The newest good read listed no sessions where an earlier one listed some: the config or the output changed. */
  readonly vanished?: Vanished;
  /**
   * The sessions are metal-api's view (what metal-core last reported), because no SSH read of this switch
   * succeeded: `syncedAt` is the time of that report. Absent: the switch's own FRR was read.
   */
  readonly via?: 'metal-api';
  readonly syncedAt?: EpochMs;
}

/** A read that yields nothing after one that yielded `count` items (at `lastSeen`): worth a finding, not trust. */
export interface Vanished {
  readonly count: number;
  readonly lastSeen: EpochMs;
}

export interface Bgp {
  readonly switches: readonly BgpSwitch[];
}

/**
 * A session's id: its switch, VRF, address family and neighbor. Findings, the diagnosis and the BGP pane's rows all
 * name a session by it, so a finding's subject finds its row and its causes.
 */
export function sessionId(s: Pick<BgpSession, 'switch' | 'vrf' | 'addressFamily' | 'neighbor'>): string {
  return `${s.switch}/${s.vrf}/${s.addressFamily}/${s.neighbor}`;
}
