/**
 * The metal-api client: JSON over HTTP(S) (the runtime's fetch, or undici's when it trusts a CA of its own: see
 * ../fetch-with-ca.ts), HMAC or bearer auth, a timeout per request, and every failure as one line an operator can
 * act on: the server's own `{statuscode, message}`, a refusal of our date with the clock skew measured from the
 * server's Date header, a timeout, a refused connection, an untrusted certificate.
 */
import { MetalApiError } from './metal-api-error';
import type { Millis } from '../../model/time';
import { fetchFailure } from '../fetch-failure';
import { type FetchAnswer, fetchWithCa } from '../fetch-with-ca';
import { type HmacType, hmacHeaders } from './hmac';
import { type ListItem, readListAnswer } from './list-answer';

export type { ListItem } from './list-answer';

export type MetalApiAuth = { readonly hmac: { readonly key: string; readonly type: HmacType } } | { readonly token: string };

export interface MetalApiOptions {
  /** With its base path, e.g. https://api.example/metal (requests go to <url>/v1/...). */
  readonly url: string;
  readonly auth?: MetalApiAuth;
  readonly timeout: Millis;
  /** PEM of the CA to trust for HTTPS instead of the system's (metalApi.caFile, a metalctl context's CA). */
  readonly ca?: string;
  /** The wall clock, for X-Date (tests move it to play clock skew). */
  readonly now?: () => number;
}

export { MetalApiError } from './metal-api-error';

export interface MetalApi {
  readonly url: string;
  get(path: string, signal?: AbortSignal): Promise<unknown>;
  post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown>;
  /**
   * A list answer, read as it streams in, as each item's key (a digest of its JSON text) and, unless `known(key)`,
   * its text, unparsed (list-answer.ts): a caller that keeps what it read by key decodes and parses only the items
   * that changed, and the answer is never held whole. An item is not checked inside.
   */
  postList(path: string, body: unknown, signal?: AbortSignal, known?: (key: string) => boolean): Promise<readonly ListItem[]>;
}

/** The server refuses an X-Date older than this for view and edit keys (90 s for admin). */
const DATE_WINDOW_S = 30;

export function createMetalApi(o: MetalApiOptions): MetalApi {
  const base = o.url.replace(/\/+$/, '');
  const now = o.now ?? Date.now;
  const fetch = fetchWithCa(o.ca);
  /** The answer, its body not read yet; a refusal (not 2xx) as one line. */
  async function exchange(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<FetchAnswer> {
    const at = now();
    const headers: Record<string, string> = { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (o.auth && 'hmac' in o.auth) Object.assign(headers, hmacHeaders(o.auth.hmac.key, o.auth.hmac.type, method, at));
    else if (o.auth) headers.Authorization = `Bearer ${o.auth.token}`;
    const limit = AbortSignal.timeout(o.timeout);
    let response: FetchAnswer;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, limit]) : limit,
      });
    } catch (error) {
      throw transport(base, error, o.timeout, o.ca !== undefined);
    }
    if (!response.ok) throw refusal(method, path, response, parse(await response.text().catch(() => '')), at);
    return response;
  }
  async function request(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const response = await exchange(method, path, body, signal);
    return json(method, path, await response.text().catch(() => ''));
  }
  async function postList(path: string, body: unknown, signal?: AbortSignal, known: (key: string) => boolean = () => false): Promise<readonly ListItem[]> {
    const response = await exchange('POST', path, body, signal);
    let read: Awaited<ReturnType<typeof readListAnswer>>;
    try {
      read = await readListAnswer(response.body ?? emptyBody(), known);
    } catch (error) {
      // The answer broke off while it streamed in (the timeout, a reset): as if it had not come.
      throw transport(base, error, o.timeout, o.ca !== undefined);
    }
    if ('items' in read) return read.items;
    // Not a list frame: what it is instead, said as request() says it (a list that broke off is not JSON, even
    // where the start kept of it would parse).
    const start = JSON.stringify(read.text.slice(0, 40));
    if (Array.isArray(json('POST', path, read.text))) throw new MetalApiError(`metal-api POST ${path}: the answer is not JSON (starts with ${start})`);
    throw new MetalApiError(`metal-api POST ${path}: the answer is not a list (starts with ${start})`);
  }
  return {
    url: base,
    get: (path, signal) => request('GET', path, undefined, signal),
    post: (path, body, signal) => request('POST', path, body, signal),
    postList,
  };
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}

function json(method: string, path: string, text: string): unknown {
  const parsed = parse(text);
  if (parsed === undefined) throw new MetalApiError(`metal-api ${method} ${path}: the answer is not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
  return parsed;
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `{statuscode, message}` as one line; a 401 says whether our clock looks off, measured against the server's Date. */
function refusal(method: string, path: string, response: FetchAnswer, body: unknown, sentAt: number): MetalApiError {
  const said = typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : response.statusText;
  const head = `metal-api ${method} ${path}: ${response.status}${said ? ` ${said}` : ''}`;
  if (response.status !== 401 && response.status !== 403) return new MetalApiError(head, response.status, body);
  const serverDate = Date.parse(response.headers.get('date') ?? '');
  const skew = Number.isFinite(serverDate) ? Math.round((sentAt - serverDate) / 1000) : undefined;
  const clock =
    skew !== undefined && Math.abs(skew) > DATE_WINDOW_S / 2
      ? `; this host's clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the server's (X-Date may be at most ${DATE_WINDOW_S} s old): fix NTP here`
      : '; check the HMAC key and its type (Metal-View for a read-only console) or the token';
  return new MetalApiError(`${head}${clock}`, response.status);
}

function transport(base: string, error: unknown, timeout: Millis, withCa: boolean): MetalApiError {
  const f = fetchFailure(error);
  if (f.kind === 'timeout') return new MetalApiError(`metal-api ${base}: no answer within ${Math.round(timeout / 100) / 10} s`);
  if (f.kind === 'refused') return new MetalApiError(`metal-api ${base}: connection refused`);
  if (f.kind === 'tls') {
    // Without a CA of its own only the system's CAs are trusted: say where to name one.
    const text = withCa
      ? `not trusted by the CA configured for it (${f.detail})`
      : `not trusted (${f.detail}); name its CA with metalApi.caFile or the metalctl context's certificate_authority_data`;
    return new MetalApiError(`metal-api ${base}: TLS: the server's certificate is ${text}`);
  }
  return new MetalApiError(`metal-api ${base}: cannot reach it: ${f.detail}`);
}
