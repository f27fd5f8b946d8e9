/**
 * The recovery's Kubernetes writes against a scripted API (the kube lab tests them against a real apiserver):
 * what a wait rides out and what ends it, the argument checks, and what a 403 names.
 */
import { describe, expect, it } from 'vitest';
import type { KubeApi } from '../../src/clients/kube/kube-api';
import { httpError, KubeError, whatOf } from '../../src/clients/kube/kube-error';
import { annotate, deleteObject, scaleStatefulSet, waitFor } from '../../src/clients/kube/kube-objects';

/** Answers GETs from a script, one entry per read (the last repeats); PATCH and DELETE are recorded. */
function scripted(reads: (() => unknown)[]) {
  const calls: string[] = [];
  let n = 0;
  const api = {
    context: 'lab',
    server: 'https://127.0.0.1:1',
    get: async (path: string) => {
      calls.push(`GET ${path}`);
      const next = reads[Math.min(n++, reads.length - 1)];
      return next?.();
    },
    post: async () => ({}),
    patch: async (path: string, body: unknown) => void calls.push(`PATCH ${path} ${JSON.stringify(body)}`),
    delete: async (path: string) => void calls.push(`DELETE ${path}`),
    watch: () => {
      throw new Error('not here');
    },
    close: () => undefined,
  } as unknown as KubeApi;
  return { api, calls };
}

const pod = { resource: 'pod', namespace: 'metal-control-plane', name: 'metal-db-0' } as const;
const ready = (status: string) => () => ({ status: { conditions: [{ type: 'Ready', status }] } });
const fail = (e: KubeError) => () => {
  throw e;
};
const wait = { timeout: 5_000, signal: new AbortController().signal, pollEvery: 10 };

describe('the recovery writes to Kubernetes', () => {
  it('a wait for Ready rides out an apiserver that is away for a moment', async () => {
    const { api, calls } = scripted([ready('False'), fail(new KubeError('connect', 'lab: connection refused')), ready('True')]);
    await waitFor(api, pod, 'condition=Ready', wait);
    expect(calls).toHaveLength(3);
  });

  it('a refusal (403) ends a wait at once, with the refusal', async () => {
    const { api, calls } = scripted([fail(httpError('lab', '/api/v1/namespaces/metal-control-plane/pods/metal-db-0', 'list', 403, {}))]);
    await expect(waitFor(api, pod, 'condition=Ready', wait)).rejects.toThrow('lab: may not list pods (403 forbidden)');
    expect(calls).toHaveLength(1);
  });

  it('a wait for a deletion ends when the object is gone, and one for a pod that never appears says so', async () => {
    const gone = fail(new KubeError('not-found', 'x', { status: 404 }));
    await waitFor(scripted([ready('True'), gone]).api, pod, 'delete', wait);
    await expect(waitFor(scripted([gone]).api, pod, 'condition=Ready', { ...wait, timeout: 50 })).rejects.toThrow(
      'pod metal-db-0 in metal-control-plane: waited 50 ms for Ready; last: it does not exist',
    );
  });

  it('refuses what kubectl would refuse before sending anything', async () => {
    const { api, calls } = scripted([]);
    const sts = { resource: 'statefulset', namespace: 'ns', name: 'db' } as const;
    await expect(scaleStatefulSet(api, sts, Number.NaN)).rejects.toThrow('scale statefulset db in ns: replicas must be a whole number ≥ 0, not NaN');
    await expect(annotate(api, sts, 'no-value')).rejects.toThrow('annotate statefulset db in ns: expected key=value or key-, not "no-value"');
    await expect(waitFor(api, pod, 'jsonpath={.x}', wait)).rejects.toThrow('expected --for=delete or --for=condition=Type');
    expect(calls).toEqual([]);
  });

  it('scales through the scale subresource, annotates and removes with a merge patch, deletes by path', async () => {
    const { api, calls } = scripted([fail(new KubeError('not-found', 'x', { status: 404 }))]);
    const sts = { resource: 'statefulset', namespace: 'ns', name: 'db' } as const;
    await scaleStatefulSet(api, sts, 0);
    await annotate(api, { resource: 'etcd', namespace: 'shoot--p--c', name: 'etcd-main' }, 'druid.gardener.cloud/suspend-etcd-spec-reconcile-');
    await annotate(api, { resource: 'node', namespace: 'ignored', name: 'bootstrap' }, 'a=b=c');
    expect(await deleteObject(api, { resource: 'persistentvolumeclaim', namespace: 'ns', name: 'data-db-0' }, wait)).toBe('deleted');
    expect(calls).toEqual([
      'PATCH /apis/apps/v1/namespaces/ns/statefulsets/db/scale {"spec":{"replicas":0}}',
      'PATCH /apis/druid.gardener.cloud/v1alpha1/namespaces/shoot--p--c/etcds/etcd-main {"metadata":{"annotations":{"druid.gardener.cloud/suspend-etcd-spec-reconcile":null}}}',
      'PATCH /api/v1/nodes/bootstrap {"metadata":{"annotations":{"a":"b=c"}}}',
      'DELETE /api/v1/namespaces/ns/persistentvolumeclaims/data-db-0',
      'GET /api/v1/namespaces/ns/persistentvolumeclaims/data-db-0',
    ]);
  });
});

describe('what a 403 names', () => {
  it('the resource, its subresource and group, never the object', () => {
    expect(whatOf('/api/v1/nodes', 'list')).toBe('list nodes');
    expect(whatOf('/apis/core.gardener.cloud/v1beta1/shoots?limit=500', 'list')).toBe('list shoots.core.gardener.cloud');
    expect(whatOf('/api/v1/namespaces', 'list')).toBe('list namespaces');
    expect(whatOf('/api/v1/namespaces/garden', 'list')).toBe('list namespaces');
    expect(whatOf('/api/v1/namespaces/garden/pods', 'list')).toBe('list pods');
    expect(whatOf('/apis/apps/v1/namespaces/ns/statefulsets/db/scale', 'patch')).toBe('patch statefulsets/scale.apps');
    expect(whatOf('/api/v1/namespaces/ns/persistentvolumeclaims/data-db-0', 'delete')).toBe('delete persistentvolumeclaims');
  });
});
