/**
 * What went wrong talking to a Kubernetes API, as one line an operator can act on: the context, what was asked and
 * the cause in plain words (401, 403 with the verb and resource, a TLS or connection failure, a timeout).
 */
import { SourceError } from '../../errors';
import { fetchFailure } from '../fetch-failure';

export type KubeFailure = 'config' | 'connect' | 'tls' | 'unauthenticated' | 'forbidden' | 'not-found' | 'gone' | 'timeout' | 'server';

export class KubeError extends SourceError {
  readonly failure: KubeFailure;
  readonly status?: number;
  constructor(failure: KubeFailure, message: string, options: { status?: number; cause?: unknown; hint?: string } = {}) {
    super(message, options);
    this.failure = failure;
    this.status = options.status;
  }
}

/**
 * `list shoots.core.gardener.cloud`, `patch statefulsets/scale.apps` from an API path, for 403 messages: the
 * resource (and subresource), never an object's name, since RBAC grants by resource.
 */
export function whatOf(path: string, verb: string): string {
  const parts = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  const group = parts[0] === 'apis' ? parts[1] : '';
  // /api/v1/<resource> or /apis/<group>/<version>/<resource>, after namespaces/<ns>/ when namespaced.
  let i = parts[0] === 'apis' ? 3 : 2;
  if (parts[i] === 'namespaces' && parts.length > i + 2) i += 2;
  const resource = parts[i] ?? path;
  const sub = parts[i + 2];
  return `${verb} ${resource}${sub ? `/${sub}` : ''}${group ? `.${group}` : ''}`;
}

/** A failed HTTP answer: the API's own Status message when it sent one. */
export function httpError(context: string, path: string, verb: string, status: number, body: unknown): KubeError {
  const said = typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : '';
  if (status === 401) return new KubeError('unauthenticated', `${context}: not authenticated (401): check the user's token or certificate in the kubeconfig`, { status });
  if (status === 403) return new KubeError('forbidden', `${context}: may not ${whatOf(path, verb)} (403 forbidden)`, { status });
  if (status === 404) return new KubeError('not-found', `${context}: ${whatOf(path, verb)}: not found (404): is the resource installed?`, { status });
  if (status === 410) return new KubeError('gone', `${context}: ${whatOf(path, verb)}: resource version too old (410)`, { status });
  return new KubeError('server', `${context}: ${whatOf(path, verb)}: HTTP ${status}${said ? `: ${said}` : ''}`, { status });
}

/** A request that never got an HTTP answer: refused, TLS, DNS, timeout. */
export function transportError(context: string, server: string, error: unknown): KubeError {
  const f = fetchFailure(error);
  switch (f.kind) {
    case 'timeout':
      return new KubeError('timeout', `${context}: no answer from ${server} in time`, { cause: error });
    case 'tls':
      return new KubeError('tls', `${context}: TLS: ${server} presented a certificate the kubeconfig's CA does not trust (${f.detail})`, {
        cause: error,
        hint: "check certificate-authority(-data) of the context's cluster",
      });
    case 'refused':
      return new KubeError('connect', `${context}: cannot connect to ${server}: connection refused`, { cause: error });
    case 'reset':
      return new KubeError('connect', `${context}: connection to ${server} was reset (the API server went away?)`, { cause: error });
    case 'dns':
      return new KubeError('connect', `${context}: cannot resolve ${server}`, { cause: error });
    default:
      return new KubeError('connect', `${context}: cannot reach ${server}: ${f.detail}`, { cause: error });
  }
}
