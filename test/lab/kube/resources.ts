/**
 * The kinds the kube lab's tests create and whose status they write (the test plays gardenlet and kubelet: no
 * scheduler, controller-manager or kubelet runs, so nothing changes behind a test's back), their REST paths, and
 * minimal valid objects of each.
 */

export const RESOURCES = {
  namespaces: { prefix: '/api/v1', namespaced: false },
  nodes: { prefix: '/api/v1', namespaced: false },
  pods: { prefix: '/api/v1', namespaced: true },
  persistentvolumeclaims: { prefix: '/api/v1', namespaced: true },
  shoots: { prefix: '/apis/core.gardener.cloud/v1beta1', namespaced: true },
  statefulsets: { prefix: '/apis/apps/v1', namespaced: true },
  deployments: { prefix: '/apis/apps/v1', namespaced: true },
} as const;

export type Kind = keyof typeof RESOURCES;

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * /api/v1/namespaces/NS/pods/NAME/status and the like. A namespaced kind without a namespace is the list across
 * all namespaces; a cluster-scoped kind ignores `namespace`.
 */
export function resourcePath(kind: Kind, name?: string, namespace?: string, subresource?: 'status'): string {
  const { prefix, namespaced } = RESOURCES[kind];
  const scope = namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const item = name === undefined ? '' : `/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
  return `${prefix}${scope}/${kind}${item}`;
}

type Labels = Record<string, string>;

export const namespaceObject = (name: string, labels: Labels = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

export const nodeObject = (name: string, labels: Labels = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
});

const container = { name: 'main', image: 'registry.invalid/rackpilot-lab:0' };

/** A pod "scheduled" to `nodeName` when given (nothing binds pods here). */
export const podObject = (namespace: string, name: string, options: { nodeName?: string; labels?: Labels } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: options.labels ?? { app: name } },
  spec: { containers: [container], ...(options.nodeName ? { nodeName: options.nodeName } : {}) },
});

function workload(kind: 'StatefulSet' | 'Deployment', namespace: string, name: string, replicas: number) {
  const labels = { app: name };
  const spec = { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace },
    spec: kind === 'StatefulSet' ? { ...spec, serviceName: name } : spec,
  };
}

export const statefulSetObject = (namespace: string, name: string, replicas = 1): KubeObject =>
  workload('StatefulSet', namespace, name, replicas);

export const deploymentObject = (namespace: string, name: string, replicas = 1): KubeObject =>
  workload('Deployment', namespace, name, replicas);

/** A Shoot as the stand-in CRD takes it (spec and status are free-form there); `spec` is merged over a default. */
export const shootObject = (namespace: string, name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'core.gardener.cloud/v1beta1',
  kind: 'Shoot',
  metadata: { name, namespace },
  spec: { cloudProfileName: 'metal', region: 'rack-1', provider: { type: 'metal' }, kubernetes: { version: '1.20.2' }, ...spec },
});

/** A claim as a StatefulSet's volumeClaimTemplate makes it (nothing binds it here: no controller-manager). */
export const pvcObject = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});
