/**
 * The cells of `kubectl get shoots -o wide` that Gardener's API computes, computed the same way from the model so
 * the Shoots pane and kubectl agree (rules: shared/domain/gardener.md §4; STATUS as gardener-controller-manager's
 * ComputeStatus, read at gardener/gardener pkg/controllermanager/.../shoot status helper).
 */
import type { ConditionStatus, Shoot } from '../model/shoot';

export type HibernationCell = 'Hibernated' | 'Hibernating' | 'Waking Up' | 'Awake';
export type ShootStatusCell = 'healthy' | 'progressing' | 'unknown' | 'unhealthy';

/** spec.hibernation.enabled against status.hibernated. */
export function hibernationCell(s: Shoot): HibernationCell {
  const wanted = s.hibernationEnabled ?? s.hibernated;
  if (wanted) return s.hibernated ? 'Hibernated' : 'Hibernating';
  return s.hibernated ? 'Waking Up' : 'Awake';
}

/** "Reconcile Succeeded (100%)"; "<pending>" before the first operation. */
export function lastOperationCell(s: Shoot): string {
  const op = s.lastOperation;
  return op ? `${op.type} ${op.state} (${op.progress}%)` : '<pending>';
}

// Worse is lower, as in Gardener's shootStatusValues.
const RANK: Record<ShootStatusCell, number> = { healthy: 3, progressing: 2, unknown: 1, unhealthy: 0 };
const worse = (a: ShootStatusCell, b: ShootStatusCell): ShootStatusCell => (RANK[b] < RANK[a] ? b : a);
const fromCondition = (c: ConditionStatus): ShootStatusCell =>
  c === 'True' ? 'healthy' : c === 'Progressing' ? 'progressing' : c === 'Unknown' ? 'unknown' : 'unhealthy';
const healthyIf = (ok: boolean): ShootStatusCell => (ok ? 'healthy' : 'unhealthy');

/** The shoot.gardener.cloud/status label as Gardener computes it (constraints do not count). */
export function computedStatus(s: Shoot): ShootStatusCell {
  const op = s.lastOperation;
  if (!op) return 'healthy';
  const noErrors = s.lastErrors.length === 0;
  if ((op.type === 'Create' && op.state !== 'Succeeded') || op.type === 'Delete') return healthyIf(noErrors);
  const status = s.conditions.reduce<ShootStatusCell>((acc, c) => worse(acc, fromCondition(c.status)), 'healthy');
  if (op.state === 'Processing') return worse(status, healthyIf(noErrors));
  return worse(status, healthyIf(op.state === 'Succeeded'));
}

/** What kubectl shows in STATUS: the label when Gardener set it, else what it would set. */
export function statusCell(s: Shoot): string {
  return s.statusLabel ?? computedStatus(s);
}
