import type { BgpSession } from '../../src/model/bgp';
import type { RackData } from '../../src/model/snapshot';
import { MINUTE } from '../../src/model/time';
import { SimRack, type SimRackOptions } from '../../src/sim';

export const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

export function rack(options: Partial<SimRackOptions> = {}): SimRack {
  return new SimRack({ start: T0, seed: 7, ...options });
}

export function sessions(data: RackData): BgpSession[] {
  return data.bgp.switches.flatMap((s) => s.sessions);
}

/** Sessions on the leaves towards the given machine hostnames. */
export function sessionsTo(data: RackData, hostnames: readonly string[]): BgpSession[] {
  return sessions(data).filter((s) => s.peerHostname !== undefined && hostnames.includes(s.peerHostname));
}

export function advance(sim: SimRack, ms: number): RackData {
  sim.advanceTo(sim.now + ms);
  return sim.data();
}

export function workers(data: RackData) {
  return data.machines.filter((m) => m.role === 'machine');
}

export const minutes = (n: number) => n * MINUTE;
