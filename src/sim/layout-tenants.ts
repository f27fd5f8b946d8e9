import type { MachineAllocation } from '../model/machine';
import { k8sSuffix, machineUuid, pad, randomUuid, technicalId } from './ids';
import type { MachineSpec, ShootSpec } from './layout-types';
import type { Plan } from './layout-plan';
import type { Rng } from './rng';

/** A machine with the cabling facts the fabric builder needs. */
export interface PlacedMachine {
  readonly spec: MachineSpec;
  /** 1-based, global: used for the machine ASN and address. */
  readonly index: number;
  readonly leafA: string;
  readonly leafB: string;
  readonly port: number;
  /** The tenant VRF of a worker; firewalls peer in the default VRF. */
  readonly vrf?: string;
  readonly hostname?: string;
  /** Machines in the same shoot (used for plausible prefix counts). */
  readonly shootSize: number;
}

export const OPS_SHOOTS = [
  { name: 'metal-cp', hosts: ['metal-stack control plane'] },
  { name: 'garden-cp', hosts: ['Gardener control plane'] },
] as const;

export const FIREWALL_IMAGE = 'firewall-ubuntu-3.0';
export const WORKER_IMAGE = 'ubuntu-24.4';
const POOL = 'group-0';

/** Places machines on leaf pairs and groups them into shoots of 1 firewall + workers, partition by partition. */
export function buildTenants(plan: Plan, rng: Rng): { machines: PlacedMachine[]; shoots: ShootSpec[] } {
  const machines: PlacedMachine[] = [];
  const shoots: ShootSpec[] = [];
  const metalProjects = new Map<string, string>();
  let index = 0;
  plan.partitions.forEach((partition, p) => {
    const slots: { leafA: string; leafB: string; rack: string; port: number }[] = [];
    for (const pair of partition.leafPairs) {
      for (let port = 0; port < pair.machines; port++) slots.push({ leafA: pair.a, leafB: pair.b, rack: pair.rack, port });
    }
    let perProject = 0;
    for (let start = 0; start < slots.length; start += plan.shootSize) {
      const group = slots.slice(start, start + plan.shootSize);
      const s = shoots.length;
      // A lone left-over machine cannot form a shoot; it stays unallocated in Waiting, as in a real partition.
      const ops = s < OPS_SHOOTS.length ? OPS_SHOOTS[s] : undefined;
      const project = ops ? 'ops' : `p${pad(p + 1, 3)}`;
      const name = ops ? ops.name : `c${++perProject}`;
      const tech = technicalId(project, name);
      const key = `${project}/${name}`;
      const allocatable = group.length >= 2;
      let metalProject = metalProjects.get(project);
      if (!metalProject) {
        metalProject = randomUuid(rng);
        metalProjects.set(project, metalProject);
      }
      const poolHash = k8sSuffix(rng);
      const ids: string[] = [];
      group.forEach((slot, k) => {
        index++;
        const id = machineUuid(index);
        ids.push(id);
        const role = allocatable && k === 0 ? 'firewall' : 'machine';
        const hostname = !allocatable
          ? undefined
          : role === 'firewall'
            ? `${tech}-firewall-${k8sSuffix(rng)}`
            : `${tech}-${POOL}-${poolHash}-${k8sSuffix(rng)}`;
        const allocation: MachineAllocation | undefined = hostname
          ? {
              name: hostname,
              hostname,
              project: metalProject,
              cluster: key,
              image: role === 'firewall' ? FIREWALL_IMAGE : WORKER_IMAGE,
              succeeded: true,
            }
          : undefined;
        const spec: MachineSpec = {
          id,
          name: `machine${pad(index, plan.machineNameWidth)}`,
          partition: partition.name,
          rack: slot.rack,
          size: plan.machineSize,
          role,
          hasBmc: plan.hasBmc,
          uplinks: [`${slot.leafA}:Ethernet${slot.port}`, `${slot.leafB}:Ethernet${slot.port}`],
          shoot: allocation ? key : undefined,
          allocation,
        };
        const vrf = allocatable && role === 'machine' ? `Vrf${30 + s}` : undefined;
        machines.push({ spec, index, leafA: slot.leafA, leafB: slot.leafB, port: slot.port, shootSize: group.length, vrf, hostname });
      });
      if (!allocatable) continue;
      shoots.push({
        key,
        project,
        name,
        technicalId: tech,
        partition: partition.name,
        purpose: ops ? 'infrastructure' : 'production',
        firewall: ids[0] as string,
        workers: ids.slice(1),
        poolName: POOL,
        machineType: plan.machineSize,
        ...(ops ? { hosts: ops.hosts } : {}),
        reconcileMinute: rng.int(0, 59),
      });
    }
  });
  return { machines, shoots };
}
