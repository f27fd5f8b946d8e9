/**
 * What the watch caches keep of each object: only the fields the mappers read (cluster-objects.ts). A node's
 * status carries its image list, a pod its whole spec; kept in full, 3,000 pods and 200 nodes are most of the
 * process's memory.
 */
interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly uid?: string; readonly resourceVersion?: string };
  readonly [key: string]: unknown;
}

type Loose = Record<string, unknown> | undefined;

const meta = (o: KubeObject) => {
  const m = o.metadata;
  return m ? { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion } : undefined;
};

export function trimNode(raw: unknown): unknown {
  const o = raw as KubeObject;
  const status = o.status as Loose;
  const info = status?.nodeInfo as Loose;
  return { metadata: meta(o), status: { conditions: status?.conditions, nodeInfo: { kubeletVersion: info?.kubeletVersion } } };
}

export function trimWorkload(raw: unknown): unknown {
  const o = raw as KubeObject;
  const spec = o.spec as Loose;
  const status = o.status as Loose;
  return { metadata: meta(o), spec: { replicas: spec?.replicas }, status: { readyReplicas: status?.readyReplicas } };
}

export function trimPod(raw: unknown): unknown {
  const o = raw as KubeObject;
  const status = o.status as Loose;
  const containers = Array.isArray(status?.containerStatuses) ? (status.containerStatuses as Loose[]) : undefined;
  return {
    metadata: meta(o),
    status: {
      phase: status?.phase,
      reason: status?.reason,
      containerStatuses: containers?.map((c) => ({ restartCount: c?.restartCount, ready: c?.ready, state: c?.state })),
    },
  };
}

export function trimEtcd(raw: unknown): unknown {
  const o = raw as KubeObject;
  const status = o.status as Loose;
  return { metadata: meta(o), status: { conditions: status?.conditions } };
}

/** A Shoot: the fields shoot-object.ts reads (a real one also carries networking, DNS, maintenance, addons …). */
export function trimShoot(raw: unknown): unknown {
  const o = raw as KubeObject;
  const m = o.metadata as Loose;
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const provider = spec.provider as Loose;
  const infra = provider?.infrastructureConfig as Loose;
  const status = (o.status ?? undefined) as Loose;
  return {
    metadata: { ...meta(o), creationTimestamp: m?.creationTimestamp, labels: m?.labels },
    spec: {
      cloudProfileName: spec.cloudProfileName,
      cloudProfile: spec.cloudProfile,
      region: spec.region,
      seedName: spec.seedName,
      purpose: spec.purpose,
      kubernetes: spec.kubernetes,
      hibernation: spec.hibernation,
      provider: provider ? { type: provider.type, workers: provider.workers, infrastructureConfig: infra ? { partitionID: infra.partitionID } : undefined } : undefined,
    },
    ...(status
      ? {
          status: {
            hibernated: status.hibernated,
            seedName: status.seedName,
            technicalID: status.technicalID,
            gardener: status.gardener,
            lastOperation: status.lastOperation,
            lastErrors: status.lastErrors,
            conditions: status.conditions,
            constraints: status.constraints,
          },
        }
      : {}),
  };
}
