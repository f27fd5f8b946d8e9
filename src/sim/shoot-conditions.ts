import type { Condition, ConditionStatus } from '../model/shoot';
import type { EpochMs } from '../model/time';

export const CONDITION_TYPES = [
  'APIServerAvailable',
  'ControlPlaneHealthy',
  'ObservabilityComponentsHealthy',
  'EveryNodeReady',
  'SystemComponentsHealthy',
] as const;

const HEALTHY: Record<string, { reason: string; message: string }> = {
  APIServerAvailable: { reason: 'HealthzRequestSucceeded', message: 'API server /healthz endpoint responded with success status code.' },
  ControlPlaneHealthy: { reason: 'ControlPlaneRunning', message: 'All control plane components are healthy.' },
  ObservabilityComponentsHealthy: { reason: 'ObservabilityComponentsRunning', message: 'All observability components are healthy.' },
  EveryNodeReady: { reason: 'EveryNodeReady', message: 'All nodes are ready.' },
  SystemComponentsHealthy: { reason: 'SystemComponentsRunning', message: 'All system components are healthy.' },
};

export interface ShootHealth {
  readonly created: boolean;
  readonly firewallReady: boolean;
  readonly workersReady: number;
  readonly workers: number;
  /** Hostnames of workers that are not ready, for the EveryNodeReady message. */
  readonly notReady: readonly string[];
}

type Verdict = { status: ConditionStatus; reason: string; message: string };

/** What Gardener's care controller would report for a shoot in this state. */
function verdict(type: string, h: ShootHealth): Verdict {
  if (!h.created) return { status: 'Unknown', reason: 'ConditionInitialized', message: 'The condition has been initialized but its semantic check has not been performed yet.' };
  const ok = { status: 'True' as const, ...(HEALTHY[type] as { reason: string; message: string }) };
  // Without the firewall nothing in the shoot network can be reached: the health checks cannot run.
  const unreachable = { status: 'Unknown' as const, reason: 'HealthzRequestFailed', message: 'Could not reach the API server: the shoot firewall is down.' };
  switch (type) {
    case 'APIServerAvailable':
    case 'ControlPlaneHealthy':
      return h.firewallReady ? ok : unreachable;
    case 'ObservabilityComponentsHealthy':
      if (!h.firewallReady) return unreachable;
      return h.workersReady > 0 ? ok : { status: 'False', reason: 'ObservabilityComponentsUnhealthy', message: 'Prometheus and vali are not running: no ready node.' };
    case 'EveryNodeReady':
      return h.workersReady === h.workers
        ? ok
        : { status: 'False', reason: 'NodesNotReady', message: `Node ${h.notReady.join(', ')} not ready (${h.workers - h.workersReady} of ${h.workers}).` };
    default:
      return h.workersReady > 0
        ? ok
        : { status: 'False', reason: 'SystemComponentsUnhealthy', message: 'Required system components are not running: no node available for scheduling.' };
  }
}

/** New conditions, reusing the previous objects (and their transition times) where nothing changed. */
export function conditionsFor(h: ShootHealth, prev: readonly Condition[], now: EpochMs): readonly Condition[] {
  let changed = prev.length !== CONDITION_TYPES.length;
  const next = CONDITION_TYPES.map((type, i) => {
    const v = verdict(type, h);
    const old = prev[i];
    if (old && old.type === type && old.status === v.status && old.reason === v.reason && old.message === v.message) return old;
    changed = true;
    return { type, ...v, lastTransitionTime: old && old.status === v.status ? (old.lastTransitionTime ?? now) : now };
  });
  return changed ? next : prev;
}

export function isHealthy(conditions: readonly Condition[]): boolean {
  return conditions.length > 0 && conditions.every((c) => c.status === 'True');
}
