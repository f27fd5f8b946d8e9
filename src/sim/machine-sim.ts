import type { Liveliness, Machine, MachineAllocation, ProvisioningEvent, ProvisioningEventType } from '../model/machine';
import type { EpochMs } from '../model/time';
import type { MachineSpec } from './layout-types';
import { type Span, span, TIMING } from './timing';
import type { TopologySim } from './topology-sim';
import { guarded, type World } from './world';

interface MachineState {
  readonly spec: MachineSpec;
  readonly leaves: readonly string[];
  gen: number;
  powered: boolean;
  events: readonly ProvisioningEvent[];
  allocation?: MachineAllocation;
  liveliness: Liveliness;
  cache?: Machine;
}

export interface MachineDeps {
  readonly topo: TopologySim;
  cpReachable(id: string): boolean;
  /** The machine got its allocation: metal-core now configures it as a BGP neighbour. */
  allocated(id: string): void;
}

const MAX_EVENTS = 40;
const MESSAGES: Partial<Record<ProvisioningEventType, string>> = {
  Preparing: 'starting metal-hammer',
  'Phoned Home': 'phoned home',
};

/** metal-stack machines: the provisioning walk, liveliness as metal-api evaluates it, and power. */
export class MachineSim {
  private readonly states: MachineState[];
  private readonly byId = new Map<string, MachineState>();
  private readonly firewallOf = new Map<string, string>();
  private snapshot?: readonly Machine[];

  constructor(
    private readonly w: World,
    private readonly deps: MachineDeps,
  ) {
    this.states = w.layout.machines.map((spec) => {
      const s: MachineState = {
        spec,
        leaves: spec.uplinks.map((u) => u.split(':')[0] as string),
        gen: 0,
        powered: false,
        events: [],
        // Every field from the start (see BgpSim's peerings): set later, they took a property array per machine.
        allocation: undefined,
        liveliness: 'Unknown',
        cache: undefined,
      };
      this.byId.set(spec.id, s);
      if (spec.shoot && spec.role === 'firewall') this.firewallOf.set(spec.shoot, spec.id);
      return s;
    });
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  isAllocated(id: string): boolean {
    return this.byId.get(id)?.allocation !== undefined;
  }

  /** When the machine last phoned home (first Phoned Home of the current boot), if it is running. */
  phonedHomeAt(id: string): EpochMs | undefined {
    const s = this.byId.get(id);
    const last = s?.events[0];
    return s?.powered && last?.event === 'Phoned Home' ? last.time : undefined;
  }

  /** A rack that has been up for days: every machine provisioned long ago, shoots' firewall first. */
  initSteady(start: EpochMs): void {
    const r = this.w.rng;
    const createdAt = new Map<string, EpochMs>();
    for (const s of this.states) {
      const shoot = s.spec.shoot;
      let created = shoot ? createdAt.get(shoot) : undefined;
      if (created === undefined) {
        created = start - span(r, TIMING.steadyAge);
        if (shoot) createdAt.set(shoot, created);
      }
      const log: ProvisioningEvent[] = [];
      let t = created - r.int(2 * 3600_000, 30 * 3600_000);
      const add = (event: ProvisioningEventType, after: Span) => {
        t += span(r, after);
        log.unshift(ev(t, event, s.spec));
      };
      add('PXE Booting', [0, 0]);
      add('Preparing', TIMING.preparing);
      add('Registering', TIMING.registering);
      add('Waiting', TIMING.waiting);
      if (s.spec.allocation) {
        // Gardener creates the firewall first and the workers once it is up.
        t = Math.max(t, created) + (s.spec.role === 'firewall' ? 0 : 4 * 60_000);
        add('Installing', TIMING.allocate);
        // Allocated when installing began: metalctl's Age counts from here.
        const allocatedAt = t;
        add('Booting New Kernel', TIMING.installing);
        add('Phoned Home', TIMING.bootingKernel);
        s.allocation = { ...s.spec.allocation, created: allocatedAt };
      }
      s.events = log;
      s.powered = true;
      s.liveliness = 'Alive';
    }
  }

  /** Powers the machine on: it PXE-boots and walks the provisioning events again. */
  boot(id: string, at: EpochMs): void {
    const s = this.byId.get(id);
    if (!s || s.powered) return;
    s.gen++;
    s.powered = true;
    this.touch(s);
    this.after(s, at, TIMING.pxe, () => this.pxe(s));
  }

  /**
   * A planned reboot (`metalctl machine reboot`): the machine records Planned Reboot, its links drop while it
   * restarts, then it PXE-boots and walks the provisioning events back to Phoned Home. Power stays on.
   */
  reboot(id: string): void {
    const s = this.byId.get(id);
    if (!s?.powered) return;
    s.gen++;
    this.record(s, 'Planned Reboot');
    this.deps.topo.set(id, false, false);
    this.after(s, this.w.now(), TIMING.pxe, () => this.pxe(s));
  }

  /** Power gone: link drops at once, events stop, liveliness turns after metal-api's 5 minutes. */
  powerOff(id: string): void {
    const s = this.byId.get(id);
    if (!s?.powered) return;
    s.gen++;
    s.powered = false;
    this.touch(s);
    this.deps.topo.set(id, false, false);
    guarded(this.w, s, this.w.now() + TIMING.deadAfter + span(this.w.rng, TIMING.livelinessCheck), () => {
      this.setLiveliness(s, s.allocation ? 'Unknown' : 'Dead');
    });
  }

  model(): readonly Machine[] {
    this.snapshot ??= this.states.map((s) => {
      s.cache ??= toMachine(s);
      return s.cache;
    });
    return this.snapshot;
  }

  private pxe(s: MachineState): void {
    // DHCP and pixiecore run on a leaf: without one up, the firmware keeps retrying.
    if (!s.leaves.some((l) => this.deps.topo.isReady(l))) {
      this.retry(s, () => this.pxe(s));
      return;
    }
    this.record(s, 'PXE Booting');
    this.deps.topo.set(s.spec.id, true, false);
    this.after(s, this.w.now(), TIMING.preparing, () => {
      this.record(s, 'Preparing');
      this.after(s, this.w.now(), TIMING.registering, () => this.register(s));
    });
  }

  private register(s: MachineState): void {
    if (!this.deps.cpReachable('initial-metal-stack')) {
      this.retry(s, () => this.register(s));
      return;
    }
    this.record(s, 'Registering');
    // An allocated machine that reboots is reinstalled at once; a fresh one waits for an allocation.
    if (s.allocation) this.after(s, this.w.now(), TIMING.waiting, () => this.install(s));
    else
      this.after(s, this.w.now(), TIMING.waiting, () => {
        this.record(s, 'Waiting');
        if (s.spec.allocation) this.after(s, this.w.now(), TIMING.allocate, () => this.allocate(s));
      });
  }

  private allocate(s: MachineState): void {
    const firewall = s.spec.shoot ? this.firewallOf.get(s.spec.shoot) : undefined;
    const firewallReady = s.spec.role === 'firewall' || (firewall !== undefined && this.deps.topo.isReady(firewall));
    if (!this.deps.cpReachable('initial-gardener') || !firewallReady) {
      this.retry(s, () => this.allocate(s));
      return;
    }
    this.install(s);
  }

  private install(s: MachineState): void {
    const alloc = s.spec.allocation;
    if (alloc && !s.allocation) {
      s.allocation = { ...alloc, succeeded: false, created: this.w.now() };
      this.deps.allocated(s.spec.id);
    }
    this.record(s, 'Installing');
    this.after(s, this.w.now(), TIMING.installing, () => {
      this.record(s, 'Booting New Kernel');
      this.after(s, this.w.now(), TIMING.bootingKernel, () => {
        if (s.allocation && !s.allocation.succeeded) s.allocation = { ...s.allocation, succeeded: true };
        this.record(s, 'Phoned Home');
        this.deps.topo.set(s.spec.id, true, true);
      });
    });
  }

  private record(s: MachineState, event: ProvisioningEventType): void {
    s.events = [ev(this.w.now(), event, s.spec, s.allocation), ...s.events].slice(0, MAX_EVENTS);
    s.liveliness = 'Alive';
    this.touch(s);
  }

  private setLiveliness(s: MachineState, l: Liveliness): void {
    if (s.liveliness === l) return;
    s.liveliness = l;
    this.touch(s);
  }

  private after(s: MachineState, from: EpochMs, delay: Span, fn: () => void): void {
    guarded(this.w, s, from + span(this.w.rng, delay), fn);
  }

  private retry(s: MachineState, fn: () => void): void {
    guarded(this.w, s, this.w.now() + TIMING.retry, fn);
  }

  private touch(s: MachineState): void {
    s.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('machines');
  }
}

function ev(time: EpochMs, event: ProvisioningEventType, spec: MachineSpec, alloc?: MachineAllocation): ProvisioningEvent {
  const image = (alloc ?? spec.allocation)?.image;
  const message = event === 'Installing' && image ? installing(image) : (MESSAGES[event] ?? '');
  return { time, event, message };
}

const INSTALLING = new Map<string, string>();

/** One message string per image, shared by every machine's event log. */
function installing(image: string): string {
  let m = INSTALLING.get(image);
  if (!m) {
    m = `installing ${image}`;
    INSTALLING.set(image, m);
  }
  return m;
}

function toMachine(s: MachineState): Machine {
  const last = s.events[0];
  return {
    id: s.spec.id,
    name: s.spec.name,
    partition: s.spec.partition,
    rack: s.spec.rack,
    size: s.spec.size,
    role: s.spec.role,
    ...(s.allocation ? { allocation: s.allocation } : {}),
    liveliness: s.liveliness,
    ...(last ? { phase: last.event, phaseSince: last.time } : {}),
    events: s.events,
    // The newest logged event: the sim does not model the repeated phone-home that moves metal-api's last_event_time.
    ...(last ? { lastEventTime: last.time } : {}),
    crashLoop: false,
    failedReclaim: false,
    power: s.spec.hasBmc ? (s.powered ? 'ON' : 'OFF') : 'no-bmc',
    lock: '',
    uplinks: s.spec.uplinks,
  };
}
