/**
 * The metal-api benchmark's rack: N machines as metal-api answers them (v1.MachineIPMIResponse, built from the
 * contract's minimal object with the fields a real one carries laid over), each with an event log of a fixed length,
 * and provisioning progress: one new event at the head of a machine's log, the oldest dropped.
 */
import { minimal, overlay } from '../test/fixtures/metal-api/contract';

/** A reinstall walks these in order; the log is newest first. */
const CYCLE = ['Planned Reboot', 'PXE Booting', 'Preparing', 'Registering', 'Waiting', 'Installing', 'Booting New Kernel', 'Phoned Home'];

export const CATALOGUE = [
  { id: 'crashloop', severity: 'major', description: 'machine is in a provisioning crash loop (⭕)', ref_url: 'https://docs.metal-stack.io/stable/operating/troubleshoot/#crashloop', details: '' },
  { id: 'liveliness-dead', severity: 'major', description: 'the machine is not sending events anymore', ref_url: '', details: '' },
  { id: 'bmc-without-mac', severity: 'minor', description: 'BMC has no mac address', ref_url: '', details: '' },
];

interface Event {
  event: string;
  message: string;
  time: string;
}

interface RawMachine {
  id: string;
  events: { log: Event[]; last_event_time: string; crash_loop: boolean; failed_machine_reclaim: boolean };
}

const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w = 4) => String(n).padStart(w, '0');

export class BenchRack {
  readonly machines: RawMachine[];
  /** Which machine progresses next: progress walks the rack round-robin. */
  private cursor = 0;
  /** Per machine, the index in CYCLE of its newest event. */
  private readonly phase: number[];

  constructor(
    count: number,
    private readonly events: number,
    start = Date.now(),
  ) {
    this.phase = Array.from({ length: count }, () => CYCLE.length - 1);
    this.machines = Array.from({ length: count }, (_, i) => machine(i, events, start));
  }

  /** One new event on each of the next `n` machines, at `now`. */
  progress(n: number, now = Date.now()): void {
    for (let k = 0; k < n; k++) {
      const i = this.cursor;
      this.cursor = (this.cursor + 1) % this.machines.length;
      const m = this.machines[i] as RawMachine;
      const p = ((this.phase[i] ?? 0) + 1) % CYCLE.length;
      this.phase[i] = p;
      const log = [{ event: CYCLE[p] as string, message: '', time: iso(now) }, ...m.events.log].slice(0, this.events);
      m.events = { ...m.events, log, last_event_time: iso(now) };
    }
  }

  /** `POST /v1/machine/issues/evaluate`: every machine, every 100th with an issue. */
  evaluation(): Array<{ machineid: string; issues: string[] }> {
    return this.machines.map((m, i) => ({ machineid: m.id, issues: i % 100 === 99 ? ['bmc-without-mac'] : [] }));
  }
}

function machine(i: number, events: number, start: number): RawMachine {
  const id = `00000000-0000-0000-0000-00000000${pad(i)}`;
  const host = `shoot--p${i % 20}--c${i % 7}-group-0-${pad(i, 5)}`;
  // Newest first: the log ends (at its head) in Phoned Home, one event a minute before the start.
  const log = Array.from({ length: events }, (_, k) => ({
    event: CYCLE[(CYCLE.length - 1 - (k % CYCLE.length)) % CYCLE.length] as string,
    message: k % CYCLE.length === 0 ? 'machine phoned home' : '',
    time: iso(start - (k + 1) * 60_000),
  }));
  const nic = (n: number) =>
    overlay(minimal('v1.MachineNic'), {
      name: `lan${n}`,
      identifier: `0000:0${n}:00.0`,
      mac: `b4:96:91:${pad(i % 100, 2)}:${pad(Math.floor(i / 100), 2)}:0${n}`,
      neighbors: [overlay(minimal('v1.MachineNic'), { name: `Ethernet${i % 48}`, identifier: `Eth1/${i % 48}`, mac: `0c:42:a1:00:0${n}:${pad(i % 100, 2)}` })],
    });
  const over = {
    id,
    name: `machine${pad(i)}`,
    rackid: `rack-${(i % 8) + 1}`,
    partition: overlay(minimal('v1.PartitionResponse'), { id: 'fra-equ01', name: 'fra-equ01' }),
    size: overlay(minimal('v1.SizeResponse'), { id: 'c1-xlarge-x86' }),
    liveliness: 'Alive',
    allocation: overlay(minimal('v1.MachineAllocation'), {
      name: host,
      hostname: host,
      project: `project-${i % 20}`,
      role: 'machine',
      succeeded: true,
      created: iso(start - 30 * 86_400_000),
      image: overlay(minimal('v1.ImageResponse'), { id: 'ubuntu-24.04' }),
      networks: [
        overlay(minimal('v1.MachineNetwork'), { networkid: 'underlay', ips: [`10.1.${i % 250}.${(i % 200) + 1}`], asn: 4_210_000_000 + i, vrf: 0, underlay: true }),
        overlay(minimal('v1.MachineNetwork'), { networkid: `tenant-${i % 20}`, ips: [`10.128.${i % 250}.5`], vrf: 30 + (i % 20), private: true }),
      ],
    }),
    events: { log, last_event_time: log[0]?.time ?? iso(start), crash_loop: false, failed_machine_reclaim: false },
    hardware: overlay(minimal('v1.MachineHardware'), {
      cpu_cores: 32,
      memory: 256 * 1024 ** 3,
      nics: [nic(1), nic(2)],
      disks: [overlay(minimal('v1.MachineBlockDevice'), { name: '/dev/nvme0n1', size: 960e9 }), overlay(minimal('v1.MachineBlockDevice'), { name: '/dev/nvme1n1', size: 960e9 })],
    }),
    ipmi: overlay(minimal('v1.MachineIPMI'), {
      address: `10.0.${Math.floor(i / 250)}.${i % 250}:623`,
      mac: `aa:bb:cc:${pad(i % 100, 2)}:${pad(Math.floor(i / 100), 2)}:00`,
      bmcversion: '1.73',
      powerstate: 'ON',
      last_updated: iso(start - 60_000),
      powersupplies: [{ status: { health: 'OK', state: 'Enabled' } }, { status: { health: 'OK', state: 'Enabled' } }],
      powermetric: { averageconsumedwatts: 180 + (i % 40), intervalinmin: 1, maxconsumedwatts: 320, minconsumedwatts: 120 },
    }),
    tags: [`machine.metal-stack.io/rack=rack-${(i % 8) + 1}`],
  };
  return overlay(minimal('v1.MachineIPMIResponse'), over) as unknown as RawMachine;
}
