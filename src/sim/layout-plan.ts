import { pad } from './ids';

/**
 * How big the rack is: partitions, their spines and leaf pairs, machines per leaf pair. The reference mini-rack
 * and the --scale variant differ only in their plan; one builder turns either into a layout.
 */
export interface LeafPairPlan {
  readonly a: string;
  readonly b: string;
  readonly rack: string;
  readonly machines: number;
}

export interface PartitionPlan {
  readonly name: string;
  readonly spines: readonly string[];
  readonly leafPairs: readonly LeafPairPlan[];
}

export interface Plan {
  readonly partitions: readonly PartitionPlan[];
  readonly machineNameWidth: number;
  readonly machineSize: string;
  readonly machineDescription: string;
  readonly switchDescription: string;
  /** The mini-rack's Beelinks have no BMC, so there is no power state to read. */
  readonly hasBmc: boolean;
  /** Machines per shoot: one firewall, the rest workers. */
  readonly shootSize: number;
  /** Leaf ports Ethernet0..N-1 are machine ports; the spine uplinks follow. */
  readonly leafMachinePorts: number;
  /** Management address of the i-th switch (counting spines then leaves, partition by partition). */
  mgmtIp(i: number): string;
}

export const MACHINES_PER_PARTITION = 48;
export const MACHINES_PER_LEAF_PAIR = 24;
export const SPINES_PER_PARTITION = 2;
export const MACHINES_PER_SHOOT = 8;

/** The thesis mini-rack: one spine, two SONiC leaves, four Beelinks in partition mini-rack. */
export function miniRackPlan(): Plan {
  return {
    partitions: [
      { name: 'mini-rack', spines: ['spine'], leafPairs: [{ a: 'leaf01', b: 'leaf02', rack: 'rack01', machines: 4 }] },
    ],
    machineNameWidth: 2,
    machineSize: 'n100-small',
    machineDescription: 'Beelink EQR6',
    switchDescription: 'CWWK N150, SONiC 202311',
    hasBmc: false,
    shootSize: 2,
    leafMachinePorts: 4,
    mgmtIp: (i) => `192.168.1.${10 + i}`,
  };
}

/** n machines over partitions of 48, two leaves per 24 machines, two spines per partition. */
export function scaledPlan(n: number): Plan {
  const total = Math.max(4, Math.floor(n));
  const partitions: PartitionPlan[] = [];
  for (let p = 0, left = total; left > 0; p++) {
    const count = Math.min(MACHINES_PER_PARTITION, left);
    left -= count;
    const tag = `p${pad(p + 1, 3)}`;
    const leafPairs: LeafPairPlan[] = [];
    for (let k = 0, rest = count; rest > 0; k++) {
      const machines = Math.min(MACHINES_PER_LEAF_PAIR, rest);
      rest -= machines;
      leafPairs.push({
        a: `${tag}-leaf${pad(2 * k + 1, 2)}`,
        b: `${tag}-leaf${pad(2 * k + 2, 2)}`,
        rack: `${tag}-rack${pad(k + 1, 2)}`,
        machines,
      });
    }
    const spines = Array.from({ length: SPINES_PER_PARTITION }, (_, s) => `${tag}-spine${pad(s + 1, 2)}`);
    partitions.push({ name: `partition-${pad(p + 1, 3)}`, spines, leafPairs });
  }
  return {
    partitions,
    machineNameWidth: String(total).length,
    machineSize: 'c1-xlarge-x86',
    machineDescription: 'Supermicro SYS-1029',
    switchDescription: 'Edgecore AS7726, SONiC 202311',
    hasBmc: true,
    // Small racks still need two shoots (metal-cp and garden-cp) of at least 1 firewall + 1 worker.
    shootSize: total < 2 * MACHINES_PER_SHOOT ? Math.max(2, Math.floor(total / 2)) : MACHINES_PER_SHOOT,
    leafMachinePorts: MACHINES_PER_LEAF_PAIR,
    mgmtIp: (i) => `10.254.${Math.floor(i / 200)}.${(i % 200) + 10}`,
  };
}
