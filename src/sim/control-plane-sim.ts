import type { ControlPlane } from '../model/control-plane';
import type { EpochMs } from '../model/time';
import type { ControlPlaneSpec } from './layout-types';
import { type Span, span, TIMING } from './timing';
import { guarded, type World } from './world';

interface CpState {
  readonly spec: ControlPlaneSpec;
  gen: number;
  reachable: boolean;
  starting: boolean;
  lastSeen?: EpochMs;
  message?: string;
  cache?: ControlPlane;
}

export interface ControlPlaneDeps {
  bootstrapReady(): boolean;
  /** Why a database of this control plane does not serve (stopped, restoring), if one does not. */
  databaseDown(controlPlaneId: string): string | undefined;
  /** Whether the shoot can run workloads: created, firewall up, at least one ready worker. */
  shootCanHost(key: string): boolean;
}

const START: Record<string, Span> = {
  k3s: TIMING.k3sStart,
  'initial-metal-stack': TIMING.initialMetalStackStart,
  'initial-gardener': TIMING.initialGardenerStart,
};

/** The MEP-18 chain: bootstrap node -> k3s -> initial control planes; ops shoots -> nested control planes. */
export class ControlPlaneSim {
  private readonly states: CpState[];
  private readonly byId = new Map<string, CpState>();
  private snapshot?: readonly ControlPlane[];

  constructor(
    private readonly w: World,
    private readonly deps: ControlPlaneDeps,
    initiallyUp: boolean,
  ) {
    this.states = w.layout.controlPlanes.map((spec) => {
      const s: CpState = { spec, gen: 0, reachable: initiallyUp, starting: false, ...(initiallyUp ? { lastSeen: w.now() } : {}) };
      this.byId.set(spec.id, s);
      return s;
    });
  }

  /** Its host runs it (k3s, a shoot with a ready worker): what backups and nested layers depend on. */
  isReachable(id: string): boolean {
    return this.byId.get(id)?.reachable ?? false;
  }

  /** Running and answering: a control plane whose database is stopped or restoring does not (metal-api needs it). */
  isServing(id: string): boolean {
    return this.isReachable(id) && this.deps.databaseDown(id) === undefined;
  }

  /** A database stopped, started or finished restoring. */
  databaseChanged(): void {
    for (const s of this.states) s.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('controlPlanes');
  }

  /** Re-derives reachability in dependency order (k3s before what it hosts). */
  refresh(): void {
    for (const s of this.states) {
      const hostOk = this.hostOk(s.spec);
      if (hostOk && !s.reachable && !s.starting) {
        s.starting = true;
        s.gen++;
        this.update(s, `starting on ${s.spec.hostedOn}`);
        guarded(this.w, s, this.w.now() + span(this.w.rng, START[s.spec.id] ?? TIMING.nestedStart), () => {
          s.starting = false;
          s.reachable = true;
          s.lastSeen = this.w.now();
          this.update(s, undefined);
          this.refresh();
        });
      } else if (!hostOk && (s.reachable || s.starting)) {
        s.gen++;
        s.starting = false;
        s.reachable = false;
        this.update(s, this.downMessage(s.spec));
      }
    }
  }

  observe(now: EpochMs): void {
    const seen = now - (now % TIMING.observeEvery);
    for (const s of this.states) {
      if (s.reachable && s.lastSeen !== seen) {
        s.lastSeen = seen;
        this.update(s, s.message);
      }
    }
  }

  model(): readonly ControlPlane[] {
    this.snapshot ??= this.states.map((s) => {
      const db = s.reachable ? this.deps.databaseDown(s.spec.id) : undefined;
      const message = db ?? s.message;
      s.cache ??= {
        ...s.spec,
        reachable: s.reachable && db === undefined,
        ...(s.lastSeen !== undefined ? { lastSeen: s.lastSeen } : {}),
        ...(message ? { message } : {}),
      };
      return s.cache;
    });
    return this.snapshot;
  }

  private hostOk(spec: ControlPlaneSpec): boolean {
    if (spec.id === 'k3s') return this.deps.bootstrapReady();
    if (spec.hostedOn === 'k3s') return this.isReachable('k3s');
    return this.deps.shootCanHost(spec.hostedOn);
  }

  private downMessage(spec: ControlPlaneSpec): string {
    if (spec.id === 'k3s') return 'bootstrap node down: connection timed out';
    if (spec.hostedOn === 'k3s') return 'k3s cluster unreachable: connection timed out';
    return `hosting shoot ${spec.hostedOn} has no ready worker: no endpoints available`;
  }

  private update(s: CpState, message: string | undefined): void {
    if (message) s.message = message;
    else delete s.message;
    s.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('controlPlanes');
  }
}
