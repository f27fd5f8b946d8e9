/**
 * A stand-in metal-api for tests (metal-api itself needs RethinkDB and more): an HTTP server on 127.0.0.1 that
 * checks HMAC the way metal-api does (metal-stack/security, per shared/domain/metal-api.md: the date re-formatted
 * before the signature is compared, so a fraction or an offset fails; at most 30 s old; body and path unsigned) and
 * bearer tokens, and answers routes with bodies the test gives. Errors are metal-api's `{statuscode, message}`.
 * With `tls` it speaks HTTPS with that key and certificate (test/helpers/test-ca.ts), as metal-api behind its ingress.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** `hang`: no answer at all; `hangAfterRaw`: `raw` is sent as the start of a body that never ends. */
export type Route = (req: { method: string; path: string; body: unknown }) => { status?: number; body?: unknown; raw?: string; hangAfterRaw?: boolean } | 'hang';

export interface MetalApiServerOptions {
  readonly hmacKeys?: Partial<Record<'Metal-View' | 'Metal-Edit' | 'Metal-Admin', string>>;
  readonly tokens?: readonly string[];
  readonly routes: Record<string, Route>;
  /**
   * Checks every 2xx body the server sends (test/fixtures/metal-api/contract.ts: against the contract's definition
   * of that route); a body that does not validate is recorded in `violations`, which a test asserts empty.
   */
  readonly validate?: (route: string, body: unknown) => void;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export class MetalApiServer {
  private server?: Server;
  /** Shifts the server's clock (ms), to play a host whose clock is off. */
  clockOffset = 0;
  readonly seen: Array<{ method: string; path: string; authorization?: string }> = [];
  /** Bodies this server sent that the contract does not allow (see MetalApiServerOptions.validate). */
  readonly violations: string[] = [];

  constructor(private readonly o: MetalApiServerOptions) {}

  async listen(basePath = '/metal'): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res, basePath);
    const tls = this.o.tls;
    this.server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return `${tls ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse, basePath: string): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '').replace(basePath, '').split('?')[0] ?? '';
    this.seen.push({ method, path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.setHeader('Date', new Date(Date.now() + this.clockOffset).toUTCString());
    const refused = path === '/v1/health' ? undefined : this.authError(req, method);
    if (refused) return send(res, 401, { statuscode: 401, message: refused });
    const route = this.o.routes[`${method} ${path}`];
    if (!route) return send(res, 404, { statuscode: 404, message: `no route ${method} ${path}` });
    const text = await readBody(req);
    const answer = route({ method, path, body: text ? JSON.parse(text) : undefined });
    if (answer === 'hang') return;
    if (answer.raw !== undefined) {
      res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
      if (answer.hangAfterRaw) res.write(answer.raw);
      else res.end(answer.raw);
      return;
    }
    const status = answer.status ?? 200;
    if (status < 300 && this.o.validate) {
      try {
        this.o.validate(`${method} ${path}`, answer.body);
      } catch (error) {
        this.violations.push(`${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    send(res, status, answer.body);
  }

  /** Why a request is not authenticated, or undefined when it is. */
  private authError(req: IncomingMessage, method: string): string | undefined {
    const auth = req.headers.authorization ?? '';
    const [type = '', value = ''] = auth.split(' ');
    if (type === 'Bearer') return this.o.tokens?.includes(value) ? undefined : 'invalid token';
    const key = this.o.hmacKeys?.[type as 'Metal-View'];
    if (!key) return `unknown authorization type "${type}"`;
    const date = String(req.headers['x-date'] ?? '');
    const salt = String(req.headers['x-data-salt'] ?? '');
    const parsed = Date.parse(date);
    if (!Number.isFinite(parsed)) return 'unknown date format';
    // The server signs the date as it re-formats it: only whole-second UTC RFC 3339 survives unchanged.
    const reformatted = `${new Date(parsed).toISOString().slice(0, 19)}Z`;
    const expected = createHmac('sha256', key).update(reformatted + method + salt).digest('hex');
    const given = Buffer.from(value, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) return 'invalid signature';
    const age = (Date.now() + this.clockOffset - parsed) / 1000;
    if (age > 30 || age < -30) return 'request too old';
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => resolve(text));
  });
}
