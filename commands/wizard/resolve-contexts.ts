import type { KubernetesConfig } from '../../src/config/kubernetes';
import type { Action, RealCall, Runbook } from '../../src/wizards/engine/types';
import { resolveContext } from '../../src/wizards/real-executor/kube-targets';

/**
 * A runbook whose kube calls name the kubeconfig contexts the config maps the rack's clusters to (`k3s` → the
 * `initial:` context), so a plan, the confirmation and the audit log show the exact call the executor makes.
 */
export function withResolvedContexts<R extends Runbook>(runbook: R, k: KubernetesConfig | undefined): R {
  const call = (c: RealCall): RealCall => (c.kind === 'kube' ? { ...c, context: resolveContext(k, c.context) } : c);
  const action = (a: Action): Action => ({ ...a, calls: a.calls.map(call), ...(a.undo ? { undo: { ...a.undo, calls: a.undo.calls.map(call) } } : {}) });
  return { ...runbook, steps: runbook.steps.map((s) => ({ ...s, actions: (ctx: Parameters<typeof s.actions>[0]) => s.actions(ctx).map(action) })) };
}
