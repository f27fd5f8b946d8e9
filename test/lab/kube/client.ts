/**
 * A tiny Kubernetes REST client for the kube lab: node:https with the lab's CA and a bearer token. Deliberately
 * not @kubernetes/client-node (the product's client), so the tests check the product against an independent
 * client. node:https rather than fetch because the built-in fetch takes no CA without the undici package.
 */
import { readFileSync } from 'node:fs';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { type Kind, type KubeObject, resourcePath } from './resources';

export interface KubeResponse<T = unknown> {
  readonly status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  readonly body: T;
  readonly text: string;
}

export interface KubeList<T = KubeObject> {
  readonly metadata: { resourceVersion: string };
  readonly items: T[];
}

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: { metadata?: { name?: string; resourceVersion?: string }; code?: number; reason?: string };
}

/** A non-2xx answer; `status` and the apiserver's Status message are kept for assertions. */
export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly what: string,
    readonly text: string,
  ) {
    const message = (() => {
      try {
        return (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        return text;
      }
    })();
    super(`${what}: HTTP ${status}: ${message.slice(0, 500)}`);
  }
}

const MERGE_PATCH = 'application/merge-patch+json';

export class KubeClient {
  constructor(
    readonly server: string,
    readonly token: string,
    /** Read on every request: the apiserver writes it at its first start, and a restart keeps it. */
    private readonly caFile: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private options(method: string, path: string, headers: Record<string, string>): RequestOptions {
    const url = new URL(path, this.server);
    // agent: false, a connection per request: after killApiserver a pooled socket would fail the next request.
    return {
      method,
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      ca: readFileSync(this.caFile),
      agent: false,
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...headers },
    };
  }

  /** One exchange; resolves with any HTTP status, rejects only when there is no answer within the timeout. */
  request<T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json') {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': contentType };
    return new Promise<KubeResponse<T>>((resolve, reject) => {
      const req = httpsRequest(this.options(method, path, headers), (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parse(text) as T, text }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like request, but a non-2xx answer throws a KubeError. */
  async call<T = KubeObject>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const r = await this.request<T>(method, path, body, contentType);
    if (r.status < 200 || r.status > 299) throw new KubeError(r.status, `${method} ${path}`, r.text);
    return r.body;
  }

  get = <T = KubeObject>(kind: Kind, name: string, namespace?: string) =>
    this.call<T>('GET', resourcePath(kind, name, namespace));
  list = <T = KubeObject>(kind: Kind, namespace?: string) => this.call<KubeList<T>>('GET', resourcePath(kind, undefined, namespace));
  /** POST to the object's collection; the namespace comes from its metadata. */
  create = <T extends KubeObject>(kind: Kind, object: T) =>
    this.call<T>('POST', resourcePath(kind, undefined, object.metadata.namespace), object);
  /** JSON merge patch (RFC 7386) of the object. */
  patch = <T = KubeObject>(kind: Kind, name: string, patch: unknown, namespace?: string) =>
    this.call<T>('PATCH', resourcePath(kind, name, namespace), patch, MERGE_PATCH);
  /** Merge patch of the status subresource, as gardenlet or kubelet would write it. */
  patchStatus = <T = KubeObject>(kind: Kind, name: string, patch: unknown, namespace?: string) =>
    this.call<T>('PATCH', resourcePath(kind, name, namespace, 'status'), patch, MERGE_PATCH);
  /** Immediate delete (grace 0): no kubelet runs that would confirm a pod's graceful end. */
  delete = (kind: Kind, name: string, namespace?: string) =>
    this.call<unknown>('DELETE', resourcePath(kind, name, namespace), { gracePeriodSeconds: 0 });

  /**
   * GET path?watch=1&resourceVersion=RV and collects events until `maxEvents` arrived or `timeoutMs` passed.
   * A non-200 answer comes back as its status and body text, with no events.
   */
  watch(path: string, resourceVersion: string, options: { maxEvents?: number; timeoutMs?: number } = {}) {
    const { maxEvents = 1, timeoutMs = 10_000 } = options;
    const query = `${path.includes('?') ? '&' : '?'}watch=1&resourceVersion=${encodeURIComponent(resourceVersion)}`;
    return new Promise<{ status: number; events: WatchEvent[]; text: string }>((resolve, reject) => {
      const events: WatchEvent[] = [];
      let status = 0;
      let buffer = '';
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status, events, text: status === 200 ? '' : buffer });
      };
      const req = httpsRequest(this.options('GET', `${path}${query}`, {}), (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let nl = buffer.indexOf('\n'); nl >= 0 && status === 200; nl = buffer.indexOf('\n')) {
            events.push(JSON.parse(buffer.slice(0, nl)) as WatchEvent);
            buffer = buffer.slice(nl + 1);
            if (events.length >= maxEvents) return done();
          }
        });
        res.on('end', done);
      });
      const timer = setTimeout(done, timeoutMs);
      // After done() this rejects nothing: the promise is settled already.
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end();
    });
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
