import type { Finding } from '../../health';
import { MINUTE, type Millis } from '../../model/time';
import type { RackSnapshot } from '../../model/snapshot';
import type { Action, Check, CheckResult, Runbook, Step } from '../engine/types';
import { BOOTSTRAP_COMMAND_STEPS, type BootstrapCommandStep, type BootstrapStepConfig } from './bootstrap-config';
import { byHand, type LiveSources, liveInfrastructure, liveVerifies } from './bootstrap-live';
import { all, bootstrapUp, controlPlanesReachable, newGoodVersions, shootsHealthy, type SnapshotCheck, WAIT_FOR_UPLOAD_UP_TO } from './checks';
import { backupStoresSafe, controlPlanesNamed, infrastructureUp, machinesReachedWaiting, switchesRegistered, toolsPresent, underlayEstablished } from './bootstrap-checks';
import { commandLine } from '../../shell-quote';
import { redactArgv, redactLine } from '../engine/audit';

/** Real-rack defaults: the mini-lab / MEP-18 playbooks the mini-rack was built with; config overrides each. */
export const DEFAULT_BOOTSTRAP_COMMANDS: Record<BootstrapCommandStep, readonly string[]> = {
  k3s: ['ansible-playbook', '-i', 'inventories/initial', 'k3s.yaml'],
  'metal-stack': ['ansible-playbook', '-i', 'inventories/initial', 'metal-control-plane.yaml'],
  gardener: ['ansible-playbook', '-i', 'inventories/initial', 'gardener.yaml'],
  partition: ['ansible-playbook', '-i', 'inventories/initial', 'partition.yaml'],
  shoots: ['kubectl', '--context', 'initial-garden', 'apply', '-f', 'shoots/'],
  nested: ['ansible-playbook', '-i', 'inventories/nested', 'control-planes.yaml'],
  backups: ['ansible-playbook', '-i', 'inventories/nested', 'backups.yaml'],
};

export interface BootstrapOptions {
  /** sim: each step waits for the cold-booting sim to come up; real: each step runs its command. */
  readonly target: 'sim' | 'real';
  readonly commands?: Partial<Record<BootstrapCommandStep, readonly string[]>>;
  /** Per step: the command's timeout, and whether it is safe to run again after a crash (real only). */
  readonly settings?: Partial<Record<BootstrapCommandStep, Omit<BootstrapStepConfig, 'command'>>>;
  /** PATH to look for the tools in (real only). */
  readonly path?: string;
  /** Real only: the live sources each step is verified from (absent ones: confirmed by hand). */
  readonly live?: LiveSources;
}

interface StepDef {
  readonly title: string;
  readonly explanation: string;
  readonly verify: { readonly description: string; readonly test: SnapshotCheck; readonly timeout: Millis };
}

const STEPS: Record<BootstrapCommandStep, StepDef> = {
  k3s: {
    title: 'Initial k3s cluster',
    explanation: 'Install the OS and k3s on the bootstrap node: the minimal cluster whose only job is to host the initial control planes (MEP-18: Gardener cannot create the very first cluster).',
    verify: { description: 'bootstrap node up, k3s answering', test: all(bootstrapUp, controlPlanesReachable(['k3s'])), timeout: 15 * MINUTE },
  },
  'metal-stack': {
    title: 'Initial metal-stack control plane',
    explanation: 'Deploy metal-api and its databases (metal-db, masterdata-db, ipam-db) into k3s. Machines can only register once it answers.',
    verify: { description: 'initial metal-stack reachable', test: controlPlanesReachable(['initial-metal-stack']), timeout: 15 * MINUTE },
  },
  gardener: {
    title: 'Initial Gardener control plane',
    explanation: 'Deploy Gardener (operator, virtual garden, gardenlet) into k3s, with PowerDNS for the cluster names. It allocates machines for shoots.',
    verify: { description: 'initial Gardener reachable', test: controlPlanesReachable(['initial-gardener']), timeout: 15 * MINUTE },
  },
  partition: {
    title: 'Partition',
    explanation: 'Bring up the leaves (SONiC + metal-core, DHCP and pixiecore), register the switches and let every machine PXE-boot into metal-hammer until it waits for an allocation.',
    verify: { description: 'switches registered, underlay BGP Established, machines reached Waiting', test: all(switchesRegistered, underlayEstablished, machinesReachedWaiting), timeout: 20 * MINUTE },
  },
  shoots: {
    title: 'Shoots',
    explanation: 'Create the Gardener shoots in the partition (a firewall and workers each); they will host the production control planes.',
    verify: { description: 'every shoot created with all conditions True', test: shootsHealthy, timeout: 30 * MINUTE },
  },
  nested: {
    title: 'Nested ("Matryoshka") control planes',
    explanation: 'Deploy the production metal-stack and Gardener control planes into the shoots. From here the initial layer may fail without harming production.',
    verify: { description: 'nested control planes reachable', test: controlPlanesReachable(['nested-metal-stack', 'nested-gardener']), timeout: 20 * MINUTE },
  },
  backups: {
    title: 'Backups',
    explanation: 'Configure backups of every database to the external, versioned S3 bucket and wait for the first upload: a control plane without a backup seen is not recoverable.',
    verify: {
      description: 'backups running and a first version uploaded',
      test: (s) => all(backupStoresSafe, newGoodVersions(s.backups.map((b) => b.id), () => Number.NEGATIVE_INFINITY))(s),
      timeout: 20 * MINUTE,
    },
  },
};

/**
 * After a fresh bring-up, components on long schedules (k3s every 6 h, etcd hourly) have no version yet: that is
 * expected, not a failure of the bootstrap. `status` keeps flagging them until the first upload arrives.
 */
export function firstBackupPending(f: Finding, s: RackSnapshot): boolean {
  if (f.rule !== 'backup-missing') return false;
  const b = s.backups.find((x) => x.id === f.subject.id);
  return b !== undefined && !b.paused && b.policy.interval > WAIT_FOR_UPLOAD_UP_TO;
}

/** MEP-18's bring-up in order; each step runs (or on the sim, waits) and is verified before the next. */
export function bootstrapRunbook(o: BootstrapOptions): Runbook {
  const commands = { ...DEFAULT_BOOTSTRAP_COMMANDS, ...o.commands };
  const live = o.target === 'real' ? liveVerifies(o.live ?? NO_SOURCES) : undefined;
  return {
    id: 'bootstrap',
    title: 'Bootstrap the rack (MEP-18)',
    description: `Preflight, then ${BOOTSTRAP_COMMAND_STEPS.map((s) => STEPS[s].title).join(', ')}.`,
    steps: [preflight(o, commands), ...BOOTSTRAP_COMMAND_STEPS.map((id) => step(id, commands[id], o, live?.[id]))],
  };
}

const NO_SOURCES: LiveSources = { nested: [], backups: [], switches: [] };

function step(id: BootstrapCommandStep, argv: readonly string[], o: BootstrapOptions, live: { description: string; test: SnapshotCheck } | undefined): Step {
  const def = STEPS[id];
  const settings = o.settings?.[id];
  const timeout = settings?.timeout;
  // A real executor runs the command; the simulated rack comes up by itself, so there it only waits a little.
  // A playbook cut off half way left the rack in an unknown state: run again after a crash only when asked,
  // unless the config says the command is safe to repeat.
  const action: Action = {
    id: 'run',
    // Journaled and audited as written here: a secret in the configured command is not.
    description: `run ${commandLine(redactArgv(argv).map(redactLine))}`,
    effect: { op: 'wait', ms: 5000 },
    calls: [{ kind: 'command', argv, ...(timeout !== undefined ? { timeout } : {}) }],
    destructive: false,
    ...(o.target === 'real' && settings?.idempotent !== true ? { idempotent: false } : {}),
  };
  const verify = live ?? def.verify;
  return {
    id,
    title: def.title,
    explanation: def.explanation,
    destructive: false,
    preconditions: [],
    actions: () => [action],
    verify: { description: verify.description, test: (ctx) => verify.test(ctx.snapshot), timeout: def.verify.timeout },
  };
}

function preflight(o: BootstrapOptions, commands: Record<BootstrapCommandStep, readonly string[]>): Step {
  const check = (description: string, test: (s: RackSnapshot) => CheckResult): Check => ({ description, test: (ctx) => test(ctx.snapshot) });
  const real = o.target === 'real';
  const live = o.live ?? NO_SOURCES;
  // On a real rack no source reads the DNS names, and the backup store is read only when backups: names it.
  const stores = real && live.backups.length === 0 ? byHand('no backups: components in the config', 'the backup bucket is outside the rack and has versioning Enabled') : backupStoresSafe;
  const names = real ? byHand('no source reads the control planes\' DNS names', 'the DNS names of the control planes (metal-api, the garden) are set and resolve') : controlPlanesNamed;
  const infrastructure = real ? liveInfrastructure(live) : { description: 'router, switches and machines reachable', test: infrastructureUp };
  return {
    id: 'preflight',
    title: 'Preflight',
    explanation:
      'Before anything is installed: the tools are there, the backup bucket is outside the rack and versioned ' +
      '(a backup that dies with the rack rescues nothing), the control plane names are set for DNS, and the ' +
      'router, switches and machines are powered and reachable.',
    destructive: false,
    preconditions: [
      { description: 'tools present', test: () => toolsPresent(o.target, Object.values(commands), o.path) },
      check('backup store outside the rack and versioned', stores),
      check('control plane names set (DNS)', names),
    ],
    actions: () => [],
    verify: { description: infrastructure.description, test: (ctx) => infrastructure.test(ctx.snapshot), timeout: 10 * MINUTE },
  };
}
