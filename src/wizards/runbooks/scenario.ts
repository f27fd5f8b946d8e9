import { shootKey } from '../../model/shoot';
import { counted, noun } from '../../text/count';
import type { RackSnapshot } from '../../model/snapshot';
import { componentLabel, machineName, nameList, type RackFacts, rackFacts } from './scenario-facts';

/** The failures a guided recovery exists for: the three the mini-rack thesis tested, plus the backup failure it saw. */
export const RECOVERY_SCENARIOS = ['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart'] as const;
export type RecoveryScenario = (typeof RECOVERY_SCENARIOS)[number];

export function isRecoveryScenario(name: string): name is RecoveryScenario {
  return (RECOVERY_SCENARIOS as readonly string[]).includes(name);
}

/** The run parameter that records which failure a recovery recovers: a resumed run rebuilds its runbook from it. */
export const SCENARIO_PARAM = 'recover.scenario';

export const SCENARIO_TITLES: Record<RecoveryScenario, string> = {
  'k3s-lost': 'k3s cluster lost (bootstrap node down)',
  'shoot-workers-lost': 'worker machines of the hosting shoots lost',
  'rack-lost': 'whole rack lost (bootstrap node and machines down)',
  'empty-backup-after-restart': 'empty backup uploaded after a restart',
};

export interface ScenarioProposal {
  /** Undefined: nothing a recovery runbook covers is wrong right now. */
  readonly scenario?: RecoveryScenario;
  /** One paragraph for the operator: what is down, what still works, what the proposal is. */
  readonly summary: string;
  readonly down: readonly string[];
  readonly works: readonly string[];
}

/**
 * Which failure matches the live rack. Order matters: a lost rack also has a lost bootstrap node, and any of the
 * power failures may have left an empty backup behind, which the restore steps of that scenario deal with anyway.
 */
export function proposeScenario(snapshot: RackSnapshot): ScenarioProposal {
  const facts = rackFacts(snapshot);
  const scenario = matchScenario(facts);
  const down = describeDown(facts);
  const works = describeWorks(snapshot, facts);
  const head = scenario ? `This looks like: ${SCENARIO_TITLES[scenario]} (${scenario}).` : 'No failure a recovery runbook covers was found.';
  const summary = [head, down.length ? `Down: ${down.join('; ')}.` : 'Nothing is down.', works.length ? `Still working: ${works.join('; ')}.` : '']
    .filter(Boolean)
    .join(' ');
  return { ...(scenario ? { scenario } : {}), summary, down, works };
}

/** Whether the scenario's failure is (still) present: the assess step's precondition. */
export function scenarioPresent(scenario: RecoveryScenario, snapshot: RackSnapshot): boolean {
  const f = rackFacts(snapshot);
  switch (scenario) {
    case 'rack-lost':
      return f.bootstrapDown && f.allHostMachinesDown;
    case 'k3s-lost':
      return f.bootstrapDown;
    case 'shoot-workers-lost':
      return f.machinesDown.length > 0;
    case 'empty-backup-after-restart':
      return f.suspiciousBackups.length > 0;
  }
}

function matchScenario(f: RackFacts): RecoveryScenario | undefined {
  if (f.bootstrapDown && f.allHostMachinesDown) return 'rack-lost';
  if (f.bootstrapDown) return 'k3s-lost';
  if (f.machinesDown.length > 0) return 'shoot-workers-lost';
  if (f.suspiciousBackups.length > 0) return 'empty-backup-after-restart';
  return undefined;
}

function describeDown(f: RackFacts): string[] {
  const out: string[] = [];
  if (f.bootstrapDown) out.push(`bootstrap node ${f.bootstrap?.name ?? 'bootstrap'} (k3s and the initial control planes)`);
  if (f.machinesDown.length) out.push(`${counted(f.machinesDown.length, 'machine')} ${nameList(f.machinesDown.map(machineName))}`);
  if (f.controlPlanesDown.length) out.push(`${noun(f.controlPlanesDown.length, 'control plane')} ${nameList(f.controlPlanesDown.map((c) => c.name))} unreachable`);
  if (f.unhealthyShoots.length) out.push(`${noun(f.unhealthyShoots.length, 'shoot')} ${nameList(f.unhealthyShoots.map(shootKey))} not healthy`);
  if (f.suspiciousBackups.length) out.push(`newest backup of ${nameList(f.suspiciousBackups.map(componentLabel))} looks empty`);
  return out;
}

function describeWorks(snapshot: RackSnapshot, f: RackFacts): string[] {
  const out: string[] = [];
  const switches = snapshot.bgp.switches.filter((s) => s.reachable);
  if (switches.length) {
    const sessions = switches.flatMap((s) => s.sessions);
    const up = sessions.filter((s) => s.state === 'Established').length;
    out.push(`${counted(switches.length, 'switch', 'switches')}, ${up} of ${sessions.length} BGP sessions Established`);
  }
  if (f.controlPlanesUp.length) out.push(`control plane(s) ${nameList(f.controlPlanesUp.map((c) => c.name))} reachable`);
  const healthy = snapshot.shoots.filter((s) => !f.unhealthyShoots.includes(s));
  if (healthy.length) out.push(`${healthy.length} shoot(s) healthy`);
  const external = snapshot.backups.filter((b) => b.store.outsideRack && b.versions.length > 0);
  if (external.length) out.push(`${external.length} backup component(s) with versions outside the rack`);
  return out;
}
