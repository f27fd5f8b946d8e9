import type { LastError, LastOperation, Shoot } from '../model/shoot';
import type { EpochMs } from '../model/time';
import type { ShootSpec } from './layout-types';
import { conditionsFor, type ShootHealth } from './shoot-conditions';
import { span, TIMING } from './timing';
import type { TopologySim } from './topology-sim';
import { guarded, type World } from './world';

interface ShootState {
  readonly spec: ShootSpec;
  gen: number;
  created: boolean;
  finishing: boolean;
  health: ShootHealth;
  op: LastOperation;
  conditions: Shoot['conditions'];
  lastErrors: readonly LastError[];
  /** A retry of a failed reconcile is scheduled. */
  retrying?: boolean;
  cache?: Shoot;
}

export interface ShootDeps {
  readonly topo: TopologySim;
  hostname(machineId: string): string;
  phonedHomeAt(machineId: string): EpochMs | undefined;
}

const RECONCILE_STEPS = [
  { after: 0, progress: 15, description: 'Deploying Shoot control plane' },
  { after: 20_000, progress: 48, description: 'Waiting until shoot worker nodes have been reconciled' },
  { after: 40_000, progress: 83, description: 'Deploying managed resources for system components' },
] as const;
const WORKER_TASK = 'Waiting until shoot worker nodes have been reconciled';

/** Gardener shoots: health conditions from their machines, hourly reconciles, creation on a cold rack. */
export class ShootSim {
  private readonly states: ShootState[];
  private readonly byKey = new Map<string, ShootState>();
  private readonly byMachine = new Map<string, ShootState>();
  private snapshot?: readonly Shoot[];

  constructor(
    private readonly w: World,
    private readonly deps: ShootDeps,
  ) {
    const now = w.now();
    this.states = w.layout.shoots.map((spec) => {
      const s: ShootState = {
        spec,
        gen: 0,
        created: false,
        finishing: false,
        health: { created: false, firewallReady: false, workersReady: 0, workers: spec.workers.length, notReady: [] },
        op: { type: 'Create', state: 'Processing', progress: 0, description: 'Waiting for the shoot firewall to be created', lastUpdateTime: now },
        conditions: [],
        lastErrors: [],
      };
      s.conditions = conditionsFor(s.health, [], now);
      this.byKey.set(spec.key, s);
      for (const id of [spec.firewall, ...spec.workers]) this.byMachine.set(id, s);
      return s;
    });
  }

  initSteady(start: EpochMs): void {
    for (const s of this.states) {
      s.created = true;
      s.health = this.healthOf(s);
      const joined = Math.max(...[s.spec.firewall, ...s.spec.workers].map((id) => this.deps.phonedHomeAt(id) ?? start));
      s.conditions = conditionsFor(s.health, [], joined + span(this.w.rng, TIMING.shootCreateFinish));
      const minute = s.spec.reconcileMinute * 60_000;
      const lastTick = Math.floor((start - minute - TIMING.reconcileTakes) / TIMING.reconcileEvery) * TIMING.reconcileEvery + minute;
      s.op = succeeded(lastTick + TIMING.reconcileTakes);
      this.scheduleReconcile(s);
    }
  }

  canHost(key: string): boolean {
    const h = this.byKey.get(key)?.health;
    return !!h?.created && h.firewallReady && h.workersReady > 0;
  }

  /** The shoot's etcd runs while its control plane is reachable through the firewall. */
  etcdRunning(key: string): boolean {
    const h = this.byKey.get(key)?.health;
    return !!h?.created && h.firewallReady;
  }

  machineChanged(id: string): void {
    const s = this.byMachine.get(id);
    if (s) this.refresh(s);
  }

  model(): readonly Shoot[] {
    this.snapshot ??= this.states.map((s) => {
      s.cache ??= toShoot(s);
      return s.cache;
    });
    return this.snapshot;
  }

  private refresh(s: ShootState): void {
    const before = this.canHost(s.spec.key);
    const health = this.healthOf(s);
    // A machine that is merely PXE-booting changes nothing a shoot reports: keep the same objects.
    if (s.created && sameHealth(health, s.health)) return;
    s.health = health;
    const total = s.health.workers + 1;
    const ready = s.health.workersReady + (s.health.firewallReady ? 1 : 0);
    if (!s.created) {
      s.op = { ...s.op, progress: Math.round(10 + (80 * ready) / total), description: WORKER_TASK, lastUpdateTime: this.w.now() };
      if (ready === total && !s.finishing) {
        s.finishing = true;
        guarded(this.w, s, this.w.now() + span(this.w.rng, TIMING.shootCreateFinish), () => this.finishCreate(s));
      }
    }
    s.conditions = conditionsFor(s.health, s.conditions, this.w.now());
    this.touch(s);
    if (before !== this.canHost(s.spec.key)) this.w.shootChanged(s.spec.key);
  }

  private finishCreate(s: ShootState): void {
    s.created = true;
    s.op = { ...succeeded(this.w.now()), type: 'Create', description: 'Shoot cluster has been successfully created.' };
    this.refresh(s);
    this.scheduleReconcile(s);
  }

  private scheduleReconcile(s: ShootState): void {
    const minute = s.spec.reconcileMinute * 60_000;
    const now = this.w.now();
    const tick = Math.floor((now - minute) / TIMING.reconcileEvery + 1) * TIMING.reconcileEvery + minute;
    for (const step of RECONCILE_STEPS) {
      this.w.schedule(tick + step.after, () => {
        s.op = { type: 'Reconcile', state: 'Processing', progress: step.progress, description: step.description, lastUpdateTime: this.w.now() };
        this.touch(s);
      });
    }
    this.w.schedule(tick + TIMING.reconcileTakes, () => {
      this.finishReconcile(s);
      this.scheduleReconcile(s);
    });
  }

  private finishReconcile(s: ShootState): void {
    const now = this.w.now();
    const h = s.health;
    if (h.firewallReady && h.workersReady === h.workers) {
      s.op = succeeded(now);
      s.lastErrors = [];
    } else {
      const why = h.firewallReady
        ? `${h.workers - h.workersReady} worker node(s) not ready and no free machine of size ${s.spec.machineType} in partition ${s.spec.partition}`
        : 'shoot firewall not reachable';
      const description = `task "${WORKER_TASK}" failed: ${why}`;
      s.op = { type: 'Reconcile', state: 'Error', progress: 83, description: `Flow "Shoot cluster reconciliation" encountered task errors: [${description}]`, lastUpdateTime: now };
      s.lastErrors = [{ description, taskID: WORKER_TASK, codes: [h.firewallReady ? 'ERR_INFRA_RESOURCES_DEPLETED' : 'ERR_INFRA_DEPENDENCIES'], lastUpdateTime: now }];
      this.scheduleRetry(s);
    }
    this.touch(s);
  }

  /** gardenlet requeues a failed reconcile with backoff; the retry succeeds once the cause is gone. */
  private scheduleRetry(s: ShootState): void {
    if (s.retrying) return;
    s.retrying = true;
    this.w.schedule(this.w.now() + span(this.w.rng, TIMING.reconcileRetry), () => {
      s.retrying = false;
      if (s.op.state !== 'Error') return;
      this.finishReconcile(s);
    });
  }

  private healthOf(s: ShootState): ShootHealth {
    const { topo } = this.deps;
    const notReady = s.spec.workers.filter((id) => !topo.isReady(id));
    return {
      created: s.created,
      firewallReady: topo.isReady(s.spec.firewall),
      workersReady: s.spec.workers.length - notReady.length,
      workers: s.spec.workers.length,
      notReady: notReady.map((id) => this.deps.hostname(id)),
    };
  }

  private touch(s: ShootState): void {
    s.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('shoots');
  }
}

function sameHealth(a: ShootHealth, b: ShootHealth): boolean {
  return a.created === b.created && a.firewallReady === b.firewallReady && a.workersReady === b.workersReady;
}

function succeeded(at: EpochMs): LastOperation {
  return { type: 'Reconcile', state: 'Succeeded', progress: 100, description: 'Shoot cluster has been successfully reconciled.', lastUpdateTime: at };
}

function toShoot(s: ShootState): Shoot {
  const { spec } = s;
  return {
    project: spec.project,
    name: spec.name,
    namespace: `garden-${spec.project}`,
    technicalId: spec.technicalId,
    seed: 'initial',
    kubernetesVersion: '1.31.6',
    purpose: spec.purpose,
    partition: spec.partition,
    hibernated: false,
    workers: [
      {
        name: spec.poolName,
        minimum: spec.workers.length,
        maximum: spec.workers.length,
        current: s.health.workersReady,
        machineType: spec.machineType,
      },
    ],
    lastOperation: s.op,
    conditions: s.conditions,
    lastErrors: s.lastErrors,
    ...(spec.hosts ? { hosts: spec.hosts } : {}),
  };
}
