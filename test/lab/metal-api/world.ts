/**
 * A small rack as a stand-in metal-api serves it (the mini-rack: four machines and a firewall on two leaves under
 * a spine), changed by commands: every body is built from the contract's definitions (test/fixtures/metal-api).
 */
import { minimal, overlay } from '../../fixtures/metal-api/contract';
import { type PortFixture, switchFixture } from '../../fixtures/metal-api/switches';

export const PHASES = ['PXE Booting', 'Preparing', 'Registering', 'Waiting', 'Installing', 'Booting New Kernel', 'Phoned Home'];
const CATALOGUE = [
  ['liveliness-dead', 'major', 'the machine is not sending events anymore'],
  ['crashloop', 'major', 'machine is in a provisioning crash loop (⭕)'],
  ['failed-machine-reclaim', 'critical', 'machine phones home but not allocated'],
  ['last-event-error', 'minor', 'the machine had an error during the provisioning lately'],
] as const;

interface LabMachine {
  id: string;
  name: string;
  leaf: 'leaf01' | 'leaf02';
  port: string;
  hostname: string;
  role: 'machine' | 'firewall';
  liveliness: 'Alive' | 'Dead' | 'Unknown';
  crashLoop: boolean;
  log: Array<{ event: string; message: string; time: string }>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export class LabWorld {
  readonly machines: LabMachine[];
  readonly syncStopped = new Set<string>();
  readonly bgpDown = new Set<string>();
  unhealthy = false;

  constructor(private readonly now = Date.now) {
    const t = now();
    const up = (minutesAgo: number) => PHASES.map((event, i) => ({ event, message: '', time: iso(t - minutesAgo * 60_000 + i * 30_000) })).reverse();
    const m = (n: number, role: LabMachine['role'], hostname: string): LabMachine => ({
      id: `00000000-0000-0000-0000-00000000000${n}`,
      name: role === 'firewall' ? `firewall0${n}` : `machine0${n}`,
      leaf: n % 2 ? 'leaf01' : 'leaf02',
      port: `Ethernet${n}`,
      hostname,
      role,
      liveliness: 'Alive',
      crashLoop: false,
      log: up(60 * 24 * n),
    });
    this.machines = [m(1, 'firewall', 'shoot--p1--c1-firewall-a1b2c'), m(2, 'machine', 'shoot--p1--c1-group-0-x7k2p'), m(3, 'machine', 'shoot--p1--c2-group-0-q9w8e'), m(4, 'machine', '')];
  }

  find(name: string): LabMachine | undefined {
    return this.machines.find((x) => x.name === name);
  }

  event(name: string, event: string, message = ''): void {
    this.find(name)?.log.unshift({ event, message, time: iso(this.now()) });
  }

  machinesBody(): unknown[] {
    return this.machines.map((x) =>
      overlay(minimal('v1.MachineIPMIResponse'), {
        id: x.id,
        name: x.name,
        rackid: 'rack01',
        partition: overlay(minimal('v1.PartitionResponse'), { id: 'mini-rack' }),
        size: overlay(minimal('v1.SizeResponse'), { id: 'n1-medium-x86' }),
        liveliness: x.liveliness,
        ...(x.hostname
          ? { allocation: overlay(minimal('v1.MachineAllocation'), { name: x.hostname, hostname: x.hostname, project: 'p1', role: x.role, succeeded: true, created: x.log.at(-1)?.time, image: overlay(minimal('v1.ImageResponse'), { id: 'ubuntu-24.4' }) }) }
          : {}),
        events: { crash_loop: x.crashLoop, failed_machine_reclaim: false, log: x.log, last_event_time: x.log[0]?.time },
        ipmi: overlay(minimal('v1.MachineIPMI'), { address: '', powerstate: '' }),
      }),
    );
  }

  catalogue(): unknown[] {
    return CATALOGUE.map(([id, severity, description]) => ({ id, severity, description, ref_url: `https://docs.metal-stack.io/stable/operating/troubleshoot/#${id}`, details: '' }));
  }

  evaluate(): unknown[] {
    return this.machines.map((x) => ({ machineid: x.id, issues: [...(x.liveliness === 'Dead' ? ['liveliness-dead'] : []), ...(x.crashLoop && x.log[0]?.event !== 'Waiting' ? ['crashloop'] : [])] }));
  }

  switchesBody(): unknown[] {
    const t = this.now();
    const port = (x: LabMachine): PortFixture => ({
      name: x.port,
      vrf: x.role === 'firewall' ? 'default' : 'Vrf30',
      state: x.liveliness === 'Alive' && !this.bgpDown.has(`${x.leaf}/${x.port}`) ? 'Established' : 'Active',
      neighbor: x.hostname || x.name,
      up: Math.floor(Date.parse(x.log.at(-1)?.time ?? iso(t)) / 1000),
      machine: x.id,
    });
    const uplink: PortFixture = { name: 'Ethernet48', state: 'Established', neighbor: 'spine', up: Math.floor((t - 86_400_000) / 1000) };
    return (['leaf01', 'leaf02'] as const).map((leaf) =>
      switchFixture(leaf, { synced: this.syncStopped.has(leaf) ? t - 15 * 60_000 : t - 3_000, ports: [uplink, ...this.machines.filter((x) => x.leaf === leaf).map(port)] }),
    );
  }
}
