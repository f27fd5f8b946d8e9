/**
 * The changes a recovery makes through the Kubernetes API, each as kubectl does it: scale a StatefulSet through
 * its scale subresource, delete an object and wait until it is gone (an object already gone counts as deleted, so
 * a repeated run is harmless), annotate with a merge patch, wait for a condition or a deletion. Errors are one
 * line naming the object; a wait that runs out says what it last saw.
 */
import type { Millis } from '../../model/time';
import type { KubeApi } from './kube-api';
import { KubeError } from './kube-error';

export type KubeResource = 'statefulset' | 'persistentvolumeclaim' | 'pod' | 'etcd' | 'node';

const PATHS: Readonly<Record<KubeResource, { readonly prefix: string; readonly plural: string; readonly namespaced: boolean }>> = {
  statefulset: { prefix: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  persistentvolumeclaim: { prefix: '/api/v1', plural: 'persistentvolumeclaims', namespaced: true },
  pod: { prefix: '/api/v1', plural: 'pods', namespaced: true },
  // etcd-druid's Etcd resource (Gardener).
  etcd: { prefix: '/apis/druid.gardener.cloud/v1alpha1', plural: 'etcds', namespaced: true },
  node: { prefix: '/api/v1', plural: 'nodes', namespaced: false },
};

export interface ObjectRef {
  readonly resource: KubeResource;
  /** Ignored for nodes. */
  readonly namespace: string;
  readonly name: string;
}

export function objectPath(o: ObjectRef, subresource?: 'scale'): string {
  const p = PATHS[o.resource];
  const scope = p.namespaced ? `/namespaces/${encodeURIComponent(o.namespace)}` : '';
  return `${p.prefix}${scope}/${p.plural}/${encodeURIComponent(o.name)}${subresource ? `/${subresource}` : ''}`;
}

/** `pod db-0 in metal-control-plane`, for messages. */
export function objectName(o: ObjectRef): string {
  return `${o.resource} ${o.name}${PATHS[o.resource].namespaced ? ` in ${o.namespace}` : ''}`;
}

const isGone = (e: unknown) => e instanceof KubeError && e.status === 404;

/** A 404 on a named object means the object is missing (not, as for a list, that the resource is not installed). */
function missing(o: ObjectRef, e: unknown): unknown {
  return isGone(e) ? new KubeError('not-found', `${objectName(o)}: not found`, { status: 404, cause: e }) : e;
}

/** Sets spec.replicas through the scale subresource (what `kubectl scale` does). */
export async function scaleStatefulSet(api: KubeApi, o: ObjectRef, replicas: number, signal?: AbortSignal): Promise<void> {
  if (!Number.isSafeInteger(replicas) || replicas < 0) throw new KubeError('config', `scale ${objectName(o)}: replicas must be a whole number ≥ 0, not ${replicas}`);
  await api.patch(objectPath(o, 'scale'), { spec: { replicas } }, signal).catch((e: unknown) => Promise.reject(missing(o, e)));
}

/** `key=value` sets an annotation, `key-` removes it (a merge patch with null), as `kubectl annotate` reads them. */
export async function annotate(api: KubeApi, o: ObjectRef, annotation: string, signal?: AbortSignal): Promise<void> {
  const m = /^([^=\s]+?)(?:=(.*)|-)$/s.exec(annotation);
  if (!m?.[1]) throw new KubeError('config', `annotate ${objectName(o)}: expected key=value or key-, not "${annotation}"`);
  const value = m[2] === undefined ? null : m[2];
  await api.patch(objectPath(o), { metadata: { annotations: { [m[1]]: value } } }, signal).catch((e: unknown) => Promise.reject(missing(o, e)));
}

/** Deletes and waits until it is gone (finalizers may hold it); `already-gone` when it did not exist. */
export async function deleteObject(api: KubeApi, o: ObjectRef, wait: WaitOptions): Promise<'deleted' | 'already-gone'> {
  try {
    await api.delete(objectPath(o), wait.signal);
  } catch (e) {
    if (isGone(e)) return 'already-gone';
    throw e;
  }
  await waitFor(api, o, 'delete', wait);
  return 'deleted';
}

export interface WaitOptions {
  readonly timeout: Millis;
  readonly signal: AbortSignal;
  /** How often the object is read; 1 s unless a test wants it faster. */
  readonly pollEvery?: Millis;
}

type Status = { readonly status?: { readonly conditions?: ReadonlyArray<{ type?: string; status?: string; reason?: string; message?: string }> } };

/**
 * Polls until `condition=Type` is True or (`delete`) the object is gone. Connection failures while waiting (an API
 * server restarting) are waited out; a refusal (401, 403) ends the wait at once.
 */
export async function waitFor(api: KubeApi, o: ObjectRef, what: string, w: WaitOptions): Promise<void> {
  const cond = /^condition=([A-Za-z]+)$/.exec(what)?.[1];
  if (what !== 'delete' && !cond) throw new KubeError('config', `wait ${objectName(o)}: expected --for=delete or --for=condition=Type, not "${what}"`);
  const deadline = Date.now() + w.timeout;
  let last = 'nothing read yet';
  for (;;) {
    w.signal.throwIfAborted();
    try {
      const obj = (await api.get(objectPath(o), AbortSignal.any([w.signal, AbortSignal.timeout(Math.max(1, deadline - Date.now()))]))) as Status;
      const c = obj.status?.conditions?.find((x) => x.type === cond);
      if (cond && c?.status === 'True') return;
      last = what === 'delete' ? 'it still exists' : c ? `${cond}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}` : `no ${cond} condition`;
    } catch (e) {
      w.signal.throwIfAborted();
      if (isGone(e) && what === 'delete') return;
      const transient = e instanceof KubeError && (e.failure === 'connect' || e.failure === 'timeout' || e.failure === 'server');
      if (!isGone(e) && !transient) throw e;
      // A read cut short by the wait's own deadline says nothing new: what was seen before it stays the news.
      if (isGone(e)) last = 'it does not exist';
      else if (!(e instanceof KubeError && e.failure === 'timeout' && Date.now() >= deadline)) last = describe(e);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const goal = what === 'delete' ? 'to be deleted' : `for ${cond}`;
      throw new KubeError('timeout', `${objectName(o)}: waited ${duration(w.timeout)} ${goal}; last: ${last}`);
    }
    await sleep(Math.min(w.pollEvery ?? 1000, left), w.signal);
  }
}

function sleep(ms: Millis, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function duration(ms: Millis): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
