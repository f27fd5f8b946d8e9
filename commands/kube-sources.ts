/**
 * The Kubernetes sources a config asks for, each over its own context. The client is connected (and its library
 * loaded) on the source's first poll, never while the first frame is drawn; one failed connect is retried on the
 * next poll.
 */
import type { KubeApi } from '../src/clients/kube/kube-api';
import type { KubernetesConfig } from '../src/config/kubernetes';
import { createControlPlaneSource } from '../src/sources/kube/control-plane-source';
import { createEtcdSource } from '../src/sources/kube/etcd-source';
import { createShootsSource } from '../src/sources/kube/shoots-source';
import type { Source } from '../src/sources/source';
import { onFirstUse } from './on-first-use';

export function kubeSources(k: KubernetesConfig): Source[] {
  const sources: Source[] = [];
  // A poll may wait for one request and the first list that follows it.
  const timeout = 2 * k.requestTimeout;
  if (k.garden) sources.push(createShootsSource({ api: lazyApi(k, k.garden), interval: k.interval, timeout }));
  const clusters = [
    ...(k.initial ? [{ layer: 'initial' as const, cluster: 'k3s', context: k.initial }] : []),
    ...k.nested.map((n) => ({ layer: 'nested' as const, cluster: n.shoot, context: n.context })),
  ];
  for (const role of clusters) {
    // One connection per context, shared by its sources.
    const api = lazyApi(k, role.context);
    sources.push(createControlPlaneSource({ api, role, namespaces: k.namespaces, interval: k.interval, timeout }));
    sources.push(createEtcdSource({ api, role, interval: k.interval, timeout }));
  }
  return sources;
}

/** Connects to one context (loading the client library then). */
export function connectContext(k: KubernetesConfig, context: string): Promise<KubeApi> {
  return import('../src/clients/kube/kube-api').then((m) => m.connectKube({ kubeconfig: k.kubeconfig, context, requestTimeout: k.requestTimeout }));
}

function lazyApi(k: KubernetesConfig, context: string): () => Promise<KubeApi> {
  return onFirstUse(() => connectContext(k, context));
}
