import type { Incident, RackData } from '../model/snapshot';
import type { EpochMs } from '../model/time';
import { BackupSim } from './backup-sim';
import { BgpSim } from './bgp-sim';
import { ControlPlaneSim } from './control-plane-sim';
import { EventQueue } from './event-queue';
import { buildLayout } from './layout';
import type { Layout } from './layout-types';
import { MachineSim } from './machine-sim';
import { createRng, type Rng } from './rng';
import { applyScenario, type ScenarioName } from './scenarios';
import { ShootSim } from './shoot-sim';
import { span, TIMING } from './timing';
import { TopologySim } from './topology-sim';
import type { Domain, World } from './world';

/** One shared empty list for the domains the sim has no source for, so they keep their identity. */
const NONE: readonly [] = [];

export interface SimRackOptions {
  readonly start: EpochMs;
  readonly seed?: number;
  /** Number of machines; undefined builds the reference mini-rack. */
  readonly scale?: number;
  /** steady: up for days at start; cold: everything powered off at start. */
  readonly boot?: 'steady' | 'cold';
  /** A failure injected at start. */
  readonly scenario?: ScenarioName;
}

export const DEFAULT_SEED = 42;

/**
 * A deterministic discrete-event simulation of a metal-stack + Gardener rack. Time only moves through advanceTo;
 * every random draw comes from the seeded rng, so the same options and advance sequence give the same data.
 */
export class SimRack {
  readonly layout: Layout;
  readonly start: EpochMs;
  private current: EpochMs;
  private readonly rng: Rng;
  private readonly queue = new EventQueue();
  private readonly dirty = new Set<Domain>();
  private changes = 0;
  private incident?: Incident;
  private last?: RackData;
  private readonly topo: TopologySim;
  private readonly machines: MachineSim;
  private readonly bgp: BgpSim;
  private readonly shoots: ShootSim;
  private readonly cps: ControlPlaneSim;
  private readonly backups: BackupSim;

  constructor(options: SimRackOptions) {
    this.start = options.start;
    this.current = options.start;
    this.rng = createRng(options.seed ?? DEFAULT_SEED);
    this.layout = buildLayout(this.rng, options.scale);
    const steady = (options.boot ?? 'steady') === 'steady';
    const w: World = {
      layout: this.layout,
      rng: this.rng,
      now: () => this.current,
      schedule: (at, fn) => this.queue.push(Math.max(at, this.current), fn),
      changed: (d) => {
        this.dirty.add(d);
        this.changes++;
      },
      nodeChanged: (id) => this.nodeChanged(id),
      shootChanged: () => this.cps.refresh(),
    };
    this.topo = new TopologySim(w, steady);
    const topo = this.topo;
    this.cps = new ControlPlaneSim(
      w,
      { bootstrapReady: () => topo.isReady(this.layout.bootstrapId), shootCanHost: (k) => this.shoots.canHost(k), databaseDown: (id) => this.backups.databaseDown(id) },
      steady,
    );
    // Machines need metal-api to answer, not just its cluster to run: a stopped metal-db stalls provisioning.
    this.machines = new MachineSim(w, { topo, cpReachable: (id) => this.cps.isServing(id), allocated: (id) => this.bgp.configChanged(id) });
    this.bgp = new BgpSim(w, {
      topo,
      isConfigured: (id) => !this.machines.has(id) || this.machines.isAllocated(id),
      readySince: (id) => this.machines.phonedHomeAt(id),
    });
    const hostnames = new Map(this.layout.machines.map((m) => [m.id, m.allocation?.hostname ?? m.name]));
    this.shoots = new ShootSim(w, {
      topo,
      hostname: (id) => hostnames.get(id) ?? id,
      phonedHomeAt: (id) => this.machines.phonedHomeAt(id),
    });
    this.backups = new BackupSim(w, {
      hostRunning: (spec) => (spec.host.kind === 'control-plane' ? this.cps.isReachable(spec.host.id) : this.shoots.etcdRunning(spec.host.key)),
      databaseChanged: () => this.cps.databaseChanged(),
    });
    if (steady) {
      this.machines.initSteady(this.start);
      this.bgp.initSteady(this.start);
      this.shoots.initSteady(this.start);
    } else this.coldBoot();
    this.backups.start(steady);
    if (options.scenario) this.inject(options.scenario);
  }

  /** Current simulated time. */
  get now(): EpochMs {
    return this.current;
  }

  /** Increments whenever the data changed; equal versions mean identical data. */
  get version(): number {
    return this.changes;
  }

  /** Applies every scheduled event with time <= t, in order. Time never goes backwards. */
  advanceTo(t: EpochMs): void {
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined || next > t) break;
      const ev = this.queue.pop();
      if (!ev) break;
      this.current = Math.max(this.current, ev.at);
      ev.fn();
    }
    this.current = Math.max(this.current, t);
  }

  /** The rack as model objects; unchanged parts keep their identity between calls. */
  data(): RackData {
    this.bgp.observe(this.current);
    this.cps.observe(this.current);
    if (this.last && this.dirty.size === 0) return this.last;
    this.dirty.clear();
    this.last = {
      topology: this.topo.model(),
      bgp: { switches: this.bgp.model() },
      machines: this.machines.model(),
      shoots: this.shoots.model(),
      controlPlanes: this.cps.model(),
      backups: this.backups.model(),
      // The simulated rack runs no etcd-druid; one shared empty list keeps the domain's identity.
      etcds: NONE,
      // Nor a metal-api: its fabric is read as the switches' own BGP.
      switches: NONE,
      apis: NONE,
      ...(this.incident ? { incident: this.incident } : {}),
    };
    return this.last;
  }

  /** Injects a failure scenario now, or at a later time. */
  inject(name: ScenarioName, at?: EpochMs): void {
    this.at(at, () => {
      applyScenario(this, name);
      this.incident = { startedAt: this.current, label: name };
      this.dirty.add('topology');
      this.changes++;
    });
  }

  /** Powers machines or the bootstrap node on: they boot (machines re-PXE) and everything on them follows. */
  powerOn(nodeIds: readonly string[], at?: EpochMs): void {
    this.at(at, () => {
      for (const id of nodeIds) {
        if (id === this.layout.bootstrapId) this.bootBootstrap();
        else this.machines.boot(id, this.current);
      }
    });
  }

  /** Planned reboots of running machines: each goes down, PXE-boots and provisions back to Phoned Home. */
  reboot(machineIds: readonly string[], at?: EpochMs): void {
    this.at(at, () => {
      for (const id of machineIds) this.machines.reboot(id);
    });
  }

  /** Cuts power: links drop, sessions time out, liveliness turns after 5 minutes. */
  powerOff(nodeIds: readonly string[], at?: EpochMs): void {
    this.at(at, () => {
      for (const id of nodeIds) {
        if (id === this.layout.bootstrapId) this.topo.set(id, false, false);
        else this.machines.powerOff(id);
      }
    });
  }

  setBackupsPaused(componentId: string, paused: boolean): void {
    this.backups.setPaused(componentId, paused);
  }

  /** The database's StatefulSet scaled to 0 (it and its backups stop), or to 1 (restoring first if its data was deleted). */
  stopDatabase(componentId: string): void {
    this.backups.stopDatabase(componentId);
  }

  startDatabase(componentId: string): void {
    this.backups.startDatabase(componentId, span(this.rng, TIMING.databaseRestore));
  }

  clearData(componentId: string): void {
    this.backups.clearData(componentId);
  }

  promoteVersion(componentId: string, versionId: string): void {
    this.backups.promote(componentId, versionId);
  }

  setAsideNewer(componentId: string, versionId: string): void {
    this.backups.setAsideNewer(componentId, versionId);
  }

  /** Restores a version: the database holds its data again, so the following backups are that size. */
  restoreBackup(componentId: string, versionId: string, at?: EpochMs): void {
    // Checked now, so a typo fails at the call and not later inside advanceTo.
    const size = this.backups.versionSize(componentId, versionId);
    if (size === undefined) throw new Error(`backup ${componentId} has no version ${versionId}`);
    this.at(at, () => this.backups.restore(componentId, size));
  }

  /** The database of a component starts empty (e.g. a sidecar restart that skipped the restore). */
  resetDatabase(componentId: string, at?: EpochMs): void {
    this.at(at, () => this.backups.resetDatabase(componentId));
  }

  private at(at: EpochMs | undefined, fn: () => void): void {
    if (at === undefined || at <= this.current) fn();
    else this.queue.push(at, fn);
  }

  private nodeChanged(id: string): void {
    this.bgp.refresh(id);
    this.shoots.machineChanged(id);
    this.cps.refresh();
  }

  private bootBootstrap(): void {
    const id = this.layout.bootstrapId;
    if (this.topo.isUp(id)) return;
    this.queue.push(this.current + span(this.rng, TIMING.bootstrapBoot), () => this.topo.set(id, true, true));
  }

  /** Power is switched on at start: router, switches and bootstrap boot; machines PXE once a leaf is up. */
  private coldBoot(): void {
    const t = this.start;
    this.queue.push(t + span(this.rng, TIMING.routerBoot), () => this.topo.set(this.layout.routerId, true, true));
    for (const sw of this.layout.switches) {
      this.queue.push(t + span(this.rng, TIMING.switchBoot), () => this.topo.set(sw.name, true, true));
    }
    this.bootBootstrap();
    for (const m of this.layout.machines) this.machines.boot(m.id, t);
  }
}
