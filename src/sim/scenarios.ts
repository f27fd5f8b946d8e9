import { MINUTE } from '../model/time';
import type { Layout } from './layout-types';

/** The failures the mini-rack thesis tested, plus the backup failure it observed. */
export const SCENARIOS = [
  { name: 'k3s-lost', description: 'the bootstrap node running k3s dies: initial control planes gone, shoots keep running' },
  { name: 'shoot-workers-lost', description: 'the worker machines of the ops shoots die: nested control planes unreachable' },
  { name: 'rack-lost', description: 'all machines and the bootstrap node die at once' },
  {
    name: 'empty-backup-after-restart',
    description: 'the metal-db backup sidecar restarts on a useless data dir and uploads empty backups from then on',
  },
  {
    name: 'machine-reboot',
    description: 'one worker machine does a Planned Reboot: its sessions drop, it PXE-boots and phones home again',
  },
] as const;

/**
 * A scenario chosen at start is shown as it looks this long into the incident, so a one-shot `status` sees its
 * effects (sessions past their hold time, liveliness past metal-api's 5 minutes, empty backups uploaded), and a
 * drill starts its recovery this long after the failure.
 */
export const SCENARIO_LEAD = 10 * MINUTE;

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export function isScenarioName(name: string): name is ScenarioName {
  return SCENARIOS.some((s) => s.name === name);
}

/** The shoots hosting the nested control planes: the ones whose loss the thesis studied. */
const OPS_SHOOTS = new Set(['ops/metal-cp', 'ops/garden-cp']);

/**
 * The machine machine-reboot restarts: the first worker of the first tenant shoot, so no control plane depends on
 * it. The mini-rack has only the ops shoots; there it is the last worker of the last one.
 */
export function rebootTarget(layout: Layout): string {
  const shoot = layout.shoots.find((s) => !s.hosts?.length && s.workers.length > 0) ?? layout.shoots.at(-1);
  const id = shoot?.workers[0] ?? layout.machines.find((m) => m.role === 'machine')?.id;
  if (id === undefined) throw new Error('the layout has no worker machine to reboot');
  return id;
}

/** What a scenario does to the rack: the engine's failure hooks (kept as an interface so this file needs no engine). */
export interface ScenarioTarget {
  readonly layout: Layout;
  powerOff(nodeIds: readonly string[]): void;
  reboot(machineIds: readonly string[]): void;
  resetDatabase(componentId: string): void;
}

/** Applies a scenario at the simulator's current time. */
export function applyScenario(sim: ScenarioTarget, name: ScenarioName): void {
  const { layout } = sim;
  switch (name) {
    case 'k3s-lost':
      sim.powerOff([layout.bootstrapId]);
      break;
    case 'shoot-workers-lost':
      sim.powerOff(layout.shoots.filter((s) => OPS_SHOOTS.has(s.key)).flatMap((s) => s.workers));
      break;
    case 'rack-lost': {
      // On a scaled rack "the rack" is the first (control-plane) partition, which holds the ops shoots.
      const first = layout.machines[0]?.partition;
      sim.powerOff([...layout.machines.filter((m) => m.partition === first).map((m) => m.id), layout.bootstrapId]);
      break;
    }
    case 'empty-backup-after-restart':
      sim.resetDatabase('initial-metal-db');
      break;
    case 'machine-reboot':
      sim.reboot([rebootTarget(layout)]);
      break;
  }
}
