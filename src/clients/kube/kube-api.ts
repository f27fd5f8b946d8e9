/**
 * One Kubernetes API (one kubeconfig context): GET, POST, PATCH and DELETE with a timeout and one-line errors, and
 * list+watch caches.
 * @kubernetes/client-node is imported here on first use only, so nothing of it is loaded on the way to the first
 * frame or on a rack without Kubernetes (and never under an older Node: the project's pinned Node runs it).
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { Millis } from '../../model/time';
import { loadKubeConfig } from './kube-config';
import { httpError, KubeError, transportError } from './kube-error';
import { type ExecRequest, type ExecResult, execInPod } from './kube-exec';
import { ListWatcher } from './list-watcher';

export interface KubeTarget {
  /** Kubeconfig files, merged in order like KUBECONFIG=a:b. */
  readonly kubeconfig: readonly string[];
  readonly context: string;
  /** Longest a single request may take. */
  readonly requestTimeout: Millis;
}

export interface KubeApi {
  readonly context: string;
  readonly server: string;
  /** GET an API path; the parsed JSON, or a KubeError. */
  get(path: string, signal?: AbortSignal): Promise<unknown>;
  /** POST a JSON body (a review: SelfSubjectAccessReview); the parsed answer, or a KubeError. */
  post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown>;
  /** PATCH with a JSON merge patch (RFC 7386): scale, annotate. The object as changed, or a KubeError. */
  patch(path: string, body: unknown, signal?: AbortSignal): Promise<unknown>;
  /** DELETE an object; the answer (the object, or a Status), or a KubeError (404 when it does not exist). */
  delete(path: string, signal?: AbortSignal): Promise<unknown>;
  /** A list+watch cache of a collection path (e.g. /api/v1/nodes), started now, restarted after errors. */
  watch(path: string, trim?: (o: unknown) => unknown): ListWatcher;
  /** Runs an argv in a pod's container (kubectl exec): its exit code, or a KubeError when it could not run. */
  exec(request: ExecRequest): Promise<ExecResult>;
  close(): void;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** The verb a 403 names (GETs here are the sources' lists). */
const VERB: Readonly<Record<Method, string>> = { GET: 'list', POST: 'create', PATCH: 'patch', DELETE: 'delete' };
const MERGE_PATCH = 'application/merge-patch+json';

export async function connectKube(target: KubeTarget): Promise<KubeApi> {
  const lib = await import('@kubernetes/client-node');
  const { fetch } = await import('undici');
  const kc = await loadKubeConfig(lib, target.kubeconfig, target.context);
  const server = kc.getCurrentCluster()?.server ?? '';
  const watchers = new Set<ListWatcher>();

  async function request(method: Method, path: string, payload: unknown, signal?: AbortSignal, verb = VERB[method]): Promise<unknown> {
    const ctx = new lib.RequestContext(server + path, lib.HttpMethod[method]);
    await kc.applySecurityAuthentication(ctx);
    const limit = AbortSignal.timeout(target.requestTimeout);
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(server + path, {
        method,
        headers: { ...ctx.getHeaders(), Accept: 'application/json', ...(payload === undefined ? {} : { 'Content-Type': method === 'PATCH' ? MERGE_PATCH : 'application/json' }) },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        dispatcher: ctx.getDispatcher() as never,
        signal: signal ? AbortSignal.any([signal, limit]) : limit,
      });
    } catch (error) {
      throw transportError(target.context, server, error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw httpError(target.context, path, verb, response.status, body);
    if (body === undefined) throw new KubeError('server', `${target.context}: ${path}: the answer is not JSON`);
    return body;
  }

  const get = (path: string, signal?: AbortSignal) => request('GET', path, undefined, signal);
  return {
    context: target.context,
    server,
    get,
    post: (path, body, signal) => request('POST', path, body, signal),
    patch: (path, body, signal) => request('PATCH', path, body, signal),
    delete: (path, signal) => request('DELETE', path, undefined, signal),
    watch(path, trim) {
      const w = new ListWatcher({ lib, kc: kc as KubeConfig, path, list: (signal) => get(path, signal), context: target.context, server, ...(trim ? { trim: trim as (o: KubernetesObject) => KubernetesObject } : {}) });
      watchers.add(w);
      return w;
    },
    // A refused exec upgrade says no why; the same path asked without one answers with the API's own refusal.
    exec: (r) => execInPod(lib, kc, target.context, server, r, (path, signal) => request('GET', path, undefined, signal, 'create')),
    close() {
      for (const w of watchers) w.stop();
      watchers.clear();
    },
  };
}
