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
  readonly crashLoop: boolean;
  readonly failedReclaim: boolean;
  readonly lastErrorEvent?: ProvisioningEvent;
  readonly power: PowerState;
  readonly led?: 'LED-ON' | 'LED-OFF';
  /** metal-api state.value: "" (available), LOCKED, RESERVED (shared/domain/metal-api.md; TAINTED was a guess). */
  readonly lock: '' | 'LOCKED' | 'RESERVED';
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
