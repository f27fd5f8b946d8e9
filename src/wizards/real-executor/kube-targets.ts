import type { KubeApi } from '../../clients/kube/kube-api';
import type { KubernetesConfig } from '../../config/kubernetes';
import { shootContext } from '../runbooks/real-procedure';

/**
 * Which kubeconfig context a runbook's kube call means. Runbooks name clusters by their part in the rack (`k3s` is
 * the initial cluster, `shoot--project--name` the cluster inside a shoot); the `kubernetes:` config maps those parts
 * to contexts exactly as the kube sources read it (`initial`, `nested`), so a call reaches the cluster the panes
 * show. A name the config does not map is taken as a context of its own.
 */
export function resolveContext(k: KubernetesConfig | undefined, name: string): string {
  if (!k) return name;
  if (name === 'k3s' && k.initial) return k.initial;
  return k.nested.find((n) => shootContext(n.shoot) === name)?.context ?? name;
}

/** One connection per context for the executor's life; a failed connect is tried again on the next call. */
export function kubeConnections(k: KubernetesConfig | undefined, connect?: (context: string) => Promise<KubeApi>) {
  const open = new Map<string, Promise<KubeApi>>();
  const dial =
    connect ??
    ((context: string) => {
      if (!k) return Promise.reject(new Error(`no kubernetes: section in the config, so no kubeconfig to reach context ${context}`));
      return import('../../clients/kube/kube-api').then((m) => m.connectKube({ kubeconfig: k.kubeconfig, context, requestTimeout: k.requestTimeout }));
    });
  return (context: string): Promise<KubeApi> => {
    let api = open.get(context);
    if (!api) {
      api = dial(context);
      open.set(context, api);
      api.catch(() => open.delete(context));
    }
    return api;
  };
}
