import type { BgpSession, BgpState, BgpSwitch } from '../model/bgp';
import type { EpochMs } from '../model/time';
import type { PeeringSpec, SwitchSpec } from './layout-types';
import { span, TIMING } from './timing';
import type { TopologySim } from './topology-sim';
import { guarded, type World } from './world';

interface PeeringState {
  readonly spec: PeeringSpec;
  gen: number;
  state: BgpState;
  since?: EpochMs;
  /** The hostname capability (and the peer AS of unnumbered peers) is known once the session was up. */
  everUp: boolean;
  walking: boolean;
  dropping: boolean;
  lastReset?: string;
  /** When it left Established (FRR's Up/Down of a down peer); absent while up or never up since bgpd started. */
  downSince?: EpochMs;
  /** FRR's connectionsDropped: how often it left Established since this switch's bgpd started. */
  drops: number;
  cache?: readonly BgpSession[];
}

interface SwitchState {
  readonly spec: SwitchSpec;
  sessions?: readonly BgpSession[];
  lastSeen: EpochMs;
  cache?: BgpSwitch;
}

export interface BgpDeps {
  readonly topo: TopologySim;
  /** Machines are configured as neighbours by metal-core only once allocated. */
  isConfigured(peerNode: string): boolean;
  /** When the peer's end became ready, for steady-state establishedSince. */
  readySince(peerNode: string): EpochMs | undefined;
}

const WALK: readonly BgpState[] = ['Connect', 'OpenSent', 'OpenConfirm', 'Established'];

/** FRR BGP sessions on spines and leaves, as `show bgp vrf all summary json` would show them. */
export class BgpSim {
  private readonly peerings: PeeringState[];
  private readonly switches: SwitchState[];
  private readonly switchByName = new Map<string, SwitchState>();
  private snapshot?: readonly BgpSwitch[];

  constructor(
    private readonly w: World,
    private readonly deps: BgpDeps,
  ) {
    // Every field from the start, so each of the 30,000 peerings at --scale 10000 keeps them in the object; set
    // later, they moved to a property array of their own (0.95 MB).
    this.peerings = w.layout.peerings.map((spec) => ({
      spec,
      gen: 0,
      state: 'Idle',
      since: undefined,
      everUp: false,
      walking: false,
      dropping: false,
      lastReset: undefined,
      downSince: undefined,
      drops: 0,
      cache: undefined,
    }));
    this.switches = w.layout.switches.map((spec) => {
      const s: SwitchState = { spec, lastSeen: 0 };
      this.switchByName.set(spec.name, s);
      return s;
    });
  }

  /** Every session up for days; machine sessions since their machine phoned home. */
  initSteady(start: EpochMs): void {
    const fabricUp = start - span(this.w.rng, [12 * 86_400_000, 20 * 86_400_000]);
    for (const p of this.peerings) {
      const machineUp = this.deps.readySince(p.spec.peerNode);
      p.state = 'Established';
      p.since = machineUp !== undefined ? machineUp + span(this.w.rng, [2000, 6000]) : fabricUp + span(this.w.rng, [1000, 60_000]);
      p.everUp = true;
    }
    for (const s of this.switches) s.lastSeen = start;
  }

  /** Re-derives every session touching this node (as the switch or as the peer). */
  refresh(nodeId: string): void {
    for (const i of this.w.layout.peeringsByNode.get(nodeId) ?? []) this.evaluate(this.peerings[i] as PeeringState);
    const sw = this.switchByName.get(nodeId);
    if (sw && !this.deps.topo.isReady(nodeId)) this.touchSwitch(sw);
  }

  /** Reachable switches answer on every poll; lastSeen moves in steps so unchanged data keeps its identity. */
  observe(now: EpochMs): void {
    const seen = now - (now % TIMING.observeEvery);
    for (const s of this.switches) {
      if (s.lastSeen !== seen && this.deps.topo.isReady(s.spec.name)) {
        s.lastSeen = seen;
        s.cache = undefined;
        this.snapshot = undefined;
        this.w.changed('bgp');
      }
    }
  }

  model(): readonly BgpSwitch[] {
    this.snapshot ??= this.switches.map((s) => {
      s.cache ??= this.toSwitch(s);
      return s.cache;
    });
    return this.snapshot;
  }

  private evaluate(p: PeeringState): void {
    const { topo } = this.deps;
    // The switch itself is gone: its bgpd starts afresh when it is back (counters at zero, nothing was ever up).
    if (!topo.isReady(p.spec.switch)) {
      p.drops = 0;
      p.downSince = undefined;
    }
    const can = topo.isReady(p.spec.switch) && topo.isReady(p.spec.peerNode) && (p.spec.link === undefined || topo.linkUp(p.spec.link));
    if (can) {
      if (p.state === 'Established' && p.dropping) {
        p.gen++;
        p.dropping = false;
      } else if (p.state !== 'Established' && !p.walking) {
        p.gen++;
        p.walking = true;
        this.step(p, 0);
      }
      return;
    }
    if (p.walking) {
      p.gen++;
      p.walking = false;
      this.set(p, this.downState(p));
    } else if (p.state === 'Established' && !p.dropping) {
      // No keepalives arrive any more: the session lasts until the hold timer expires.
      p.gen++;
      p.dropping = true;
      guarded(this.w, p, this.w.now() + span(this.w.rng, TIMING.holdTime), () => {
        p.dropping = false;
        p.lastReset = 'Hold Timer Expired';
        p.since = undefined;
        if (this.deps.topo.isReady(p.spec.switch)) {
          p.downSince = this.w.now();
          p.drops++;
        }
        this.set(p, this.downState(p));
      });
    }
  }

  private step(p: PeeringState, n: number): void {
    guarded(this.w, p, this.w.now() + span(this.w.rng, TIMING.bgpStep), () => {
      const next = WALK[n] as BgpState;
      if (next === 'Established') {
        p.walking = false;
        p.since = this.w.now();
        p.downSince = undefined;
        p.everUp = true;
      }
      this.set(p, next);
      if (n + 1 < WALK.length) this.step(p, n + 1);
    });
  }

  /** Unnumbered peers without link sit in Idle; IP peers keep trying (Active). */
  private downState(p: PeeringState): BgpState {
    return p.spec.idType === 'interface' ? 'Idle' : 'Active';
  }

  private set(p: PeeringState, state: BgpState): void {
    p.state = state;
    p.cache = undefined;
    const sw = this.switchByName.get(p.spec.switch);
    if (sw) {
      sw.sessions = undefined;
      this.touchSwitch(sw);
    }
  }

  private touchSwitch(sw: SwitchState): void {
    sw.cache = undefined;
    this.snapshot = undefined;
    this.w.changed('bgp');
  }

  private toSwitch(s: SwitchState): BgpSwitch {
    const { name, routerId, as, mgmtIp } = s.spec;
    if (!this.deps.topo.isReady(name)) {
      return {
        name,
        routerId,
        as,
        reachable: false,
        error: `ssh: connect to host ${mgmtIp} port 22: No route to host`,
        ...(s.lastSeen ? { lastSeen: s.lastSeen } : {}),
        sessions: [],
      };
    }
    s.sessions ??= s.spec.peerings.flatMap((spec) => {
      const p = this.peerings[spec.index] as PeeringState;
      if (!this.deps.isConfigured(spec.peerNode)) return [];
      p.cache ??= toSessions(p);
      return p.cache;
    });
    return { name, routerId, as, reachable: true, lastSeen: s.lastSeen, sessions: s.sessions };
  }

  /** Allocation changes which machine peers exist on a leaf. */
  configChanged(nodeId: string): void {
    for (const i of this.w.layout.peeringsByNode.get(nodeId) ?? []) {
      const sw = this.switchByName.get((this.peerings[i] as PeeringState).spec.switch);
      if (sw) {
        sw.sessions = undefined;
        this.touchSwitch(sw);
      }
    }
  }
}

function toSessions(p: PeeringState): BgpSession[] {
  const s = p.spec;
  const up = p.state === 'Established';
  return s.families.map((f) => ({
    switch: s.switch,
    vrf: f.vrf,
    addressFamily: f.addressFamily,
    neighbor: s.neighbor,
    idType: s.idType,
    ...(p.everUp ? { peerHostname: s.peerHostname } : {}),
    ...(p.everUp || s.idType !== 'interface' ? { remoteAs: s.remoteAs } : {}),
    localAs: s.localAs,
    peerGroup: s.peerGroup,
    state: p.state,
    adminState: 'OK',
    ...(up && p.since !== undefined ? { establishedSince: p.since } : {}),
    ...(!up && p.downSince !== undefined ? { downSince: p.downSince } : {}),
    drops: p.drops,
    prefixesReceived: up ? f.received : 0,
    prefixesSent: up ? f.sent : 0,
    ...(p.lastReset ? { lastResetReason: p.lastReset } : {}),
  }));
}
