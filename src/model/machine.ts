import type { EpochMs } from './time';

/** metal-stack provisioning event types, exact strings from metal-api (provisioning.go). */
export const PROVISIONING_EVENTS = [
  'PXE Booting',
  'Planned Reboot',
  'Preparing',
  'Registering',
  'Waiting',
  'Installing',
  'Booting New Kernel',
  'Phoned Home',
  'Alive',
  'Crashed',
  'Machine Reclaim',
] as const;
export type ProvisioningEventType = (typeof PROVISIONING_EVENTS)[number];

export interface ProvisioningEvent {
  readonly time: EpochMs;
  readonly event: ProvisioningEventType;
  readonly message: string;
}

export const LIVELINESS = ['Alive', 'Dead', 'Unknown'] as const;
export type Liveliness = (typeof LIVELINESS)[number];

export type MachineRole = 'machine' | 'firewall';

/** IPMI power state; "no-bmc" for machines without a BMC (the mini-rack's Beelinks). */
export type PowerState = 'ON' | 'OFF' | 'unknown' | 'no-bmc';

export interface MachineAllocation {
  /** Allocation name, e.g. the node name "shoot--p1--c1-group-0-abc". */
  readonly name: string;
  readonly hostname?: string;
  readonly project: string;
  /** The Gardener shoot ("project/name") this machine belongs to, where known. */
  readonly cluster?: string;
  readonly image: string;
  readonly succeeded: boolean;
  /** When the machine was allocated (metalctl's Age column). */
  readonly created?: EpochMs;
  readonly networks?: readonly MachineNetwork[];
  /** Firewalls and machines joined to a VPN (metalctl's VPN mark); absent where there is none. */
  readonly vpnConnected?: boolean;
}

export interface MachineNetwork {
  readonly id: string;
  readonly ips: readonly string[];
  readonly vrf?: number;
  readonly asn?: number;
  readonly private: boolean;
  readonly underlay: boolean;
}

/** What the BMC reports (metal-api's `ipmi`); absent where no IPMI answer was read. */
export interface MachineIpmi {
  readonly address: string;
  readonly mac: string;
  readonly bmcVersion: string;
  /** When metal-bmc last reported; older than 20 min is metal-api's bmc-info-outdated. */
  readonly lastUpdated?: EpochMs;
  readonly powerSupplies: readonly { readonly health: string; readonly state: string }[];
  readonly averageWatts?: number;
}

export interface Machine {
  readonly id: string;
  readonly name: string;
  readonly partition: string;
  readonly rack: string;
  readonly size: string;
  readonly role: MachineRole;
  readonly allocation?: MachineAllocation;
  readonly liveliness: Liveliness;
  /** The last provisioning event, i.e. the machine's current lifecycle phase. */
  readonly phase?: ProvisioningEventType;
  readonly phaseSince?: EpochMs;
  /** Newest first, as metal-api returns events.log. */
  readonly events: readonly ProvisioningEvent[];
  /** events.last_event_time: may be newer than the newest logged event (metalctl's When column counts from it). */
  readonly lastEventTime?: EpochMs;
  readonly crashLoop: boolean;
  readonly failedReclaim: boolean;
  readonly lastErrorEvent?: ProvisioningEvent;
  readonly power: PowerState;
  readonly led?: 'LED-ON' | 'LED-OFF';
  /** metal-api state.value: "" (available), LOCKED, RESERVED (shared/domain/metal-api.md; TAINTED was a guess). */
  readonly lock: '' | 'LOCKED' | 'RESERVED';
  /** Why it is locked or reserved (state.description), as metalctl's Lock Reason. */
  readonly lockReason?: string;
  readonly ipmi?: MachineIpmi;
  /** The leaf switch ports this machine is cabled to (switch:port). */
  readonly uplinks: readonly string[];
  /**
   * The issues metal-api evaluated for this machine (`metalctl machine issues`); absent where nobody evaluated them
   * (the simulated rack), and then rackpilot's own rules derive them.
   */
  readonly issues?: readonly MachineIssue[];
}

export interface MachineIssue {
  /** The server's issue id: crashloop, liveliness-dead, failed-machine-reclaim, bmc-info-outdated … */
  readonly id: string;
  readonly severity: 'critical' | 'major' | 'minor';
  readonly description: string;
  readonly refUrl?: string;
}
