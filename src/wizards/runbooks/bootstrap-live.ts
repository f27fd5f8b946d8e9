import { counted, noun } from '../../text/count';
import { failingSync } from '../../health/fabric-rules';
import type { ControlPlane } from '../../model/control-plane';
import type { RackSnapshot } from '../../model/snapshot';
import type { CheckResult } from '../engine/types';
import { backupStoresSafe, machinesReachedWaiting, switchesRegistered, underlayEstablished } from './bootstrap-checks';
import type { BootstrapCommandStep } from './bootstrap-config';
import { all, newGoodVersions, shootsHealthy, type SnapshotCheck } from './checks';
import { nameList } from './scenario-facts';

/**
 * The live sources a real rack's config gives the bootstrap to verify its steps with: the same the TUI and `status`
 * read (the store over the config's sources). A step whose source is absent is confirmed by the operator by hand.
 */
export interface LiveSources {
  /** kubernetes.initial: the k3s cluster's context (k3s nodes, the initial metal-stack and Gardener workloads). */
  readonly initial?: string;
  /** kubernetes.garden: the garden's context (the shoots). */
  readonly garden?: string;
  /** kubernetes.nested: the shoots that host the nested control planes. */
  readonly nested: readonly string[];
  /** metalApi.url: health, switches and machines. */
  readonly metalApi?: string;
  /** backups: the component ids (S3 versions). */
  readonly backups: readonly string[];
  /** switches: read over SSH (BGP). */
  readonly switches: readonly string[];
}

/** How a step is verified on a real rack: from a live source, or (none configured) by hand. */
export interface LiveVerify {
  readonly description: string;
  readonly test: SnapshotCheck;
}

const ok = (detail: string): CheckResult => ({ ok: true, detail });
const fail = (detail: string): CheckResult => ({ ok: false, detail });

/** A check no source can read: never passes by itself, the runner asks the operator (engine/by-hand.ts). */
export function byHand(why: string, instruction: string): SnapshotCheck {
  return () => ({ ok: false, detail: why, byHand: instruction });
}

/** The step's verification: the live check when its source is configured, else a by-hand one saying what is missing. */
function verify(what: string, source: string | undefined, missing: string, instruction: string, test: SnapshotCheck): LiveVerify {
  return source !== undefined
    ? { description: `${what} (read from ${source})`, test }
    : { description: `${what} (by hand: ${missing})`, test: byHand(missing, instruction) };
}

export function liveVerifies(live: LiveSources): Record<BootstrapCommandStep, LiveVerify> {
  const k3s = live.initial !== undefined ? `kube context ${live.initial}` : undefined;
  const metal = live.metalApi !== undefined ? `metal-api ${live.metalApi}` : undefined;
  const noInitial = 'no kubernetes.initial context in the config';
  const noMetal = 'no metalApi: in the config';
  return {
    k3s: verify('the k3s API answers and every node is Ready', k3s, noInitial, 'on the bootstrap node, sudo k3s kubectl get nodes lists every node Ready', clusterReady),
    'metal-stack': verify('metal-api /v1/health says healthy', metal, noMetal, 'curl <metal-api>/v1/health says "healthy" (or metalctl health)', metalApiHealthy),
    gardener: verify('the initial Gardener is running (every Deployment and StatefulSet ready)', k3s, noInitial, 'kubectl -n garden get deploy,sts in the k3s cluster: all ready', workloadsReady(['initial-gardener'])),
    partition: verify(
      'switches registered, machines reached Waiting',
      metal,
      noMetal,
      'metalctl switch ls lists every leaf; metalctl machine ls shows every machine Waiting',
      live.switches.length ? all(metalApiSwitches, switchesRegistered, underlayEstablished, someMachines) : all(metalApiSwitches, someMachines),
    ),
    shoots: verify(
      'every shoot created with all conditions True',
      live.garden !== undefined ? `kube context ${live.garden}` : undefined,
      'no kubernetes.garden context in the config',
      'kubectl get shoots -A in the garden: every shoot with all conditions True',
      all(someShoots, shootsHealthy),
    ),
    nested: verify(
      'the nested control planes are running',
      live.nested.length ? `kube contexts of ${nameList(live.nested)}` : undefined,
      'no kubernetes.nested contexts in the config',
      'in each shoot hosting a control plane, kubectl get deploy,sts -n metal-control-plane and -n garden: all ready',
      workloadsReady(live.nested.flatMap((shoot) => [`nested-${shoot}-metal-stack`, `nested-${shoot}-gardener`])),
    ),
    backups: verify(
      'a first backup version of every database seen in S3, the bucket outside the rack and versioned',
      live.backups.length ? `S3 (${nameList(live.backups)})` : undefined,
      'no backups: components in the config',
      'aws s3api list-object-versions on the backup bucket shows a first version of every database',
      (s) => all(backupStoresSafe, newGoodVersions(live.backups, () => Number.NEGATIVE_INFINITY))(s),
    ),
  };
}

/** Preflight's verify on a real rack: the switches answer over SSH, else by hand. */
export function liveInfrastructure(live: LiveSources): LiveVerify {
  return verify(
    'the switches answer',
    live.switches.length ? `SSH to ${nameList(live.switches)}` : undefined,
    'no switches: in the config',
    'the router, every switch and every machine is powered and cabled; each switch answers ssh',
    switchesRegistered,
  );
}

/** A source's last error, for a check that found nothing to judge yet. */
function sourceError(s: RackSnapshot, name: string): string {
  const error = s.sources.find((x) => x.name === name)?.lastError?.message;
  return error ? `: ${error}` : '';
}

/** The k3s cluster answers and has nodes, all Ready. */
function clusterReady(s: RackSnapshot): CheckResult {
  const k3s = s.controlPlanes.find((c) => c.id === 'k3s');
  if (!k3s) return fail(`no answer from the k3s API yet${sourceError(s, 'control plane (initial)')}`);
  if (!k3s.reachable) return fail(`the k3s API does not answer${k3s.message ? `: ${k3s.message}` : ''}`);
  const nodes = k3s.nodes ?? [];
  if (nodes.length === 0) return fail('the k3s API answers, no node registered yet');
  const notReady = nodes.filter((n) => n.ready !== 'True');
  if (notReady.length) return fail(`${noun(notReady.length, 'node')} not Ready: ${nameList(notReady.map((n) => `${n.name} (${n.ready})`))}`);
  return ok(`the k3s API answers; ${counted(nodes.length, 'node')} Ready`);
}

function metalApiHealthy(s: RackSnapshot): CheckResult {
  const status = s.sources.find((x) => x.name === 'metal-api');
  const api = s.apis.find((a) => a.name === 'metal-api');
  if (status?.state === 'error' || !api) return fail(`metal-api does not answer yet${sourceError(s, 'metal-api')}`);
  if (api.status !== 'healthy') return fail(`metal-api /v1/health: ${api.status}: ${api.message}`);
  return ok(`metal-api /v1/health: healthy${api.version ? ` (${api.version})` : ''}`);
}

/** The control planes' clusters answer and each has workloads, every one with all replicas ready. */
function workloadsReady(ids: readonly string[]): SnapshotCheck {
  return (s) => {
    const problems: string[] = [];
    for (const id of ids) {
      const plane: ControlPlane | undefined = s.controlPlanes.find((c) => c.id === id);
      if (!plane) problems.push(`${id}: no answer yet`);
      else if (!plane.reachable) problems.push(`${plane.name}: not reachable${plane.message ? ` (${plane.message})` : ''}`);
      else if (!plane.workloads?.length) problems.push(`${plane.name}: nothing deployed yet`);
      else {
        const behind = plane.workloads.filter((w) => w.desired === 0 || w.ready < w.desired);
        if (behind.length) problems.push(`${plane.name}: not ready: ${nameList(behind.map((w) => `${w.name} ${w.ready}/${w.desired}`))}`);
      }
    }
    return problems.length ? fail(problems.join('; ')) : ok(`${nameList(ids)}: every workload ready`);
  };
}

/** The leaves registered in metal-api, each syncing without error (metal-core reports). */
function metalApiSwitches(s: RackSnapshot): CheckResult {
  if (s.switches.length === 0) return fail(`no switch registered in metal-api yet${sourceError(s, 'switches (metal-api)')}`);
  const failing = s.switches.filter((sw) => failingSync(sw));
  if (failing.length) return fail(`metal-core sync failing on ${nameList(failing.map((sw) => sw.name))}`);
  return ok(`${counted(s.switches.length, 'switch', 'switches')} registered in metal-api`);
}

function someMachines(s: RackSnapshot): CheckResult {
  if (s.machines.length === 0) return fail(`no machine registered in metal-api yet${sourceError(s, 'machines (metal-api)')}`);
  return machinesReachedWaiting(s);
}

function someShoots(s: RackSnapshot): CheckResult {
  return s.shoots.length === 0 ? fail(`no shoot in the garden yet${sourceError(s, 'shoots (garden)')}`) : ok(`${s.shoots.length} shoot(s)`);
}
