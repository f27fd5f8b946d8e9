import type { BgpState } from './bgp';
import type { EpochMs, Millis } from './time';

/**
 * A switch as metal-api knows it (`v1.SwitchResponse`): what metal-core on the switch last reported. A second view
 * of the fabric that needs no SSH: per-port link and BGP state as of `lastSync`. Facts: shared/domain/metal-api.md.
 */
export interface MetalSwitch {
  readonly id: string;
  readonly name: string;
  readonly partition: string;
  readonly rack: string;
  readonly os?: { readonly vendor: string; readonly version: string; readonly metalCoreVersion: string };
  readonly managementIp?: string;
  /** metal-core's last report (every 10 s by default), how long it took, and its error. */
  readonly lastSync?: { readonly time: EpochMs; readonly duration?: Millis; readonly error?: string };
  /** The last sync that failed, kept by metal-api after later ones succeed. */
  readonly lastSyncError?: { readonly time: EpochMs; readonly error?: string };
  readonly ports: readonly MetalSwitchPort[];
}

export interface MetalSwitchPort {
  /** The interface, e.g. Ethernet4 (SONiC) or swp4 (Cumulus); BGP unnumbered sessions are keyed by it. */
  readonly name: string;
  readonly link: 'UP' | 'DOWN' | 'UNKNOWN';
  readonly vrf?: string;
  /** The machine cabled to this port, from the switch's connections. */
  readonly machineId?: string;
  readonly bgp?: MetalPortBgp;
}

/** FRR's view of the port's session as metal-core copied it (from `show bgp vrf all neighbors json`). */
export interface MetalPortBgp {
  /** The peer's host name as FRR learnt it. */
  readonly neighbor: string;
  readonly peerGroup: string;
  readonly vrf: string;
  readonly state: BgpState;
  readonly establishedSince?: EpochMs;
  readonly prefixesSent: number;
  readonly prefixesAccepted: number;
}

/** metal-api's own health (`/v1/health`) and version (`/v1/version`). */
export interface ApiHealth {
  readonly name: string;
  readonly url: string;
  readonly status: 'healthy' | 'degraded' | 'partial-outage' | 'unhealthy';
  readonly message: string;
  readonly services: readonly { readonly name: string; readonly status: string; readonly message: string }[];
  readonly version?: string;
}
