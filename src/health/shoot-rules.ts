import { type Condition, type LastError, type Shoot, shootKey } from '../model/shoot';
import type { RackObservation } from '../model/snapshot';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import type { Finding } from './finding';
import type { HealthOptions } from './options';
import { finding, oneLine } from './make-finding';

/** A hibernated shoot has no nodes, so conditions about nodes and what runs on them are expected to fail. */
const NODE_CONDITIONS: ReadonlySet<string> = new Set(['EveryNodeReady', 'SystemComponentsHealthy']);

const CONDITION_HINTS: Record<string, string> = {
  APIServerAvailable: 'check the kube-apiserver pods in the seed namespace',
  ControlPlaneHealthy: 'check the control plane pods (etcd, controller-manager, scheduler) in the seed namespace',
  EveryNodeReady: 'check the worker machines (machine pane) and kubectl get nodes in the shoot',
  SystemComponentsHealthy: 'check kube-system pods in the shoot (CNI, kube-proxy, coredns)',
  ObservabilityComponentsHealthy: 'check the monitoring/logging pods in the seed namespace',
};

export function shootRules(snapshot: RackObservation, options: Pick<HealthOptions, 'stuckPhaseAfter' | 'conditionGrace'>): Finding[] {
  return snapshot.shoots.flatMap((s) => [...shootFindings(s, snapshot.takenAt, options.conditionGrace), ...stuckFindings(s, snapshot.takenAt, options.stuckPhaseAfter)]);
}

/**
 * What Gardener reports without calling it an error: a condition Progressing (its grace period before False)
 * that does not end, and a hibernation asked for (or ended) that does not happen while nothing is in progress.
 */
function stuckFindings(shoot: Shoot, now: EpochMs, after: number): Finding[] {
  const key = shootKey(shoot);
  const subject = { kind: 'shoot', id: key, label: key } as const;
  const out: Finding[] = [];
  for (const c of shoot.conditions) {
    if (c.status !== 'Progressing' || c.lastTransitionTime === undefined || now - c.lastTransitionTime <= after) continue;
    out.push(
      finding(
        'shoot-condition-stuck',
        'warning',
        'shoots',
        subject,
        `shoot ${key}: ${c.type} has been Progressing for ${formatAge(now - c.lastTransitionTime)}${conditionDetail(c)}`,
        CONDITION_HINTS[c.type] ?? `kubectl -n ${shoot.namespace} describe shoot ${shoot.name}`,
      ),
    );
  }
  const wanted = shoot.hibernationEnabled;
  const busy = shoot.lastOperation?.state === 'Processing' || shoot.lastOperation?.state === 'Pending';
  if (wanted !== undefined && wanted !== shoot.hibernated && !busy) {
    out.push(
      finding(
        'shoot-hibernation-stuck',
        'warning',
        'shoots',
        subject,
        `shoot ${key} is ${wanted ? 'to be hibernated but still running' : 'to wake up but still hibernated'}, and no operation is in progress`,
        `kubectl -n ${shoot.namespace} describe shoot ${shoot.name}; a failed last operation says why (retry: annotate gardener.cloud/operation=retry)`,
      ),
    );
  }
  return out;
}

function shootFindings(shoot: Shoot, now: EpochMs, grace: number): Finding[] {
  const key = shootKey(shoot);
  const subject = { kind: 'shoot', id: key, label: key } as const;
  const out: Finding[] = [];
  for (const c of shoot.conditions) {
    if (shoot.hibernated && NODE_CONDITIONS.has(c.type)) continue;
    // Progressing means Gardener is still deciding; the next reconcile turns it into True or False.
    if (c.status !== 'False' && c.status !== 'Unknown') continue;
    const critical = c.status === 'False';
    // Just turned: shown, not alarmed, until it has stayed so for the grace period.
    const fresh = c.lastTransitionTime !== undefined && now - c.lastTransitionTime < grace;
    out.push(
      finding(
        critical ? 'shoot-condition-false' : 'shoot-condition-unknown',
        fresh ? 'info' : critical ? 'critical' : 'warning',
        'shoots',
        subject,
        `shoot ${key}: ${c.type} is ${c.status}${fresh ? ` (for ${formatAge(now - (c.lastTransitionTime ?? now))}, within the grace period)` : ''}${conditionDetail(c)}`,
        critical
          ? (CONDITION_HINTS[c.type] ?? `kubectl -n ${shoot.namespace} describe shoot ${shoot.name}`)
          : `Gardener could not check ${c.type}: is the gardenlet of seed ${shoot.seed} running?`,
      ),
    );
  }
  const op = shoot.lastOperation;
  if (op && (op.state === 'Failed' || op.state === 'Error')) {
    const failed = op.state === 'Failed';
    const first = shoot.lastErrors[0];
    // Gardener marks errors it expects to clear by themselves ERR_RETRYABLE_*; any other code (quota, credentials,
    // infrastructure dependencies, configuration) needs someone to act even while Gardener keeps retrying.
    const needsAction = shoot.lastErrors.some((e) => e.codes?.some((c) => !c.startsWith('ERR_RETRYABLE_')));
    out.push(
      finding(
        'shoot-operation-failed',
        failed || needsAction ? 'critical' : 'warning',
        'shoots',
        subject,
        `shoot ${key}: ${op.type} ${op.state} at ${op.progress}%: ${oneLine(op.description)}${first ? errorSuffix(op.description, first) : ''}`,
        failed
          ? `Gardener gave up: fix the cause, then retry: kubectl -n ${shoot.namespace} annotate shoot ${shoot.name} gardener.cloud/operation=retry`
          : needsAction
            ? `Gardener retries, but the error code says it will not clear alone: fix the cause (kubectl -n ${shoot.namespace} describe shoot ${shoot.name})`
            : `Gardener retries on its own; if the error stays, kubectl -n ${shoot.namespace} describe shoot ${shoot.name}`,
      ),
    );
  }
  return out;
}

function conditionDetail(c: Condition): string {
  const parts = [c.reason, c.message ? oneLine(c.message) : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join(': ')})` : '';
}

/** The first lastError, unless the description already quotes it (Gardener often does); its codes in any case. */
function errorSuffix(description: string, e: LastError): string {
  const codes = e.codes?.length ? `[${e.codes.join(', ')}]` : '';
  const text = description.includes(e.description) ? '' : oneLine(e.description);
  const both = [text, codes].filter(Boolean).join(' ');
  return both ? ` (${both})` : '';
}
