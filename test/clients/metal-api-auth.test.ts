// The metal-api client against a stand-in server that checks HMAC as metal-api does (stand-in: metal-api cannot run here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHeaders, hmacSignature, xDate } from '../../src/clients/metal-api/hmac';
import { createMetalApi, type MetalApiAuth } from '../../src/clients/metal-api/metal-api';
import { textKey } from '../../src/clients/metal-api/list-answer';
import { MetalApiServer } from '../helpers/metal-api-server';

const VIEW_KEY = 'view-key-of-the-test-server';
let server: MetalApiServer;
let url: string;

beforeAll(async () => {
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': VIEW_KEY },
    tokens: ['id-token'],
    routes: {
      'GET /v1/version': () => ({ body: { name: 'metal-api', version: 'v0.40.0' } }),
      'GET /v1/machine/issues': () => ({ body: [] }),
      'GET /v1/boom': () => ({ status: 500, body: { statuscode: 500, message: 'rethinkdb: connection lost' } }),
      'GET /v1/garbage': () => ({ raw: '<html>proxy</html>' }),
      'GET /v1/hang': () => 'hang',
      'POST /v1/list': () => ({ raw: ' [{"id":"m1","n":[1,"]"]}, {"id":"m2"}]\n' }),
      'POST /v1/object': () => ({ body: { id: 'm1' } }),
      'POST /v1/cut': () => ({ raw: '[{"id":"m1"},{"id":' }),
      'POST /v1/stall': () => ({ raw: '[{"id":"m1"},{"id":', hangAfterRaw: true }),
      'POST /v1/boom': () => ({ status: 500, body: { statuscode: 500, message: 'rethinkdb: connection lost' } }),
    },
  });
  url = await server.listen();
});
afterAll(() => server.close());

const api = (auth?: MetalApiAuth, now?: () => number) => createMetalApi({ url, timeout: 1000, ...(auth ? { auth } : {}), ...(now ? { now } : {}) });
const view = (key = VIEW_KEY): MetalApiAuth => ({ hmac: { key, type: 'Metal-View' } });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e as Error).message);

describe('metal-api HMAC, exactly as the server checks it (stand-in server)', () => {
  it('signs date + method + salt with whole-second UTC dates and is accepted', async () => {
    expect(xDate(Date.parse('2026-11-30T01:00:00.987Z'))).toBe('2026-11-30T01:00:00Z');
    expect(hmacHeaders('k', 'Metal-View', 'get', 0, 'salt')).toEqual({
      'X-Date': '1970-01-01T00:00:00Z',
      'X-Data-Salt': 'salt',
      Authorization: `Metal-View ${hmacSignature('k', '1970-01-01T00:00:00Z', 'GET', 'salt')}`,
    });
    expect(await api(view()).get('/v1/version')).toEqual({ name: 'metal-api', version: 'v0.40.0' });
  });

  it('refuses a wrong key with a line that says what to check', async () => {
    expect(await failure(api(view('wrong')).get('/v1/version'))).toBe(
      'metal-api GET /v1/version: 401 invalid signature; check the HMAC key and its type (Metal-View for a read-only console) or the token',
    );
  });

  it('names the clock skew when the date is refused as too old', async () => {
    const message = await failure(api(view(), () => Date.now() - 120_000).get('/v1/version'));
    expect(message).toMatch(/^metal-api GET \/v1\/version: 401 request too old; this host's clock is 1[12]\d s behind the server's \(X-Date may be at most 30 s old\): fix NTP here$/);
  });

  it('the server refuses a fractional or non-UTC date, as metal-api does', async () => {
    const signed = (date: string) => ({ 'X-Date': date, 'X-Data-Salt': 's', Authorization: `Metal-View ${hmacSignature(VIEW_KEY, date, 'GET', 's')}` });
    const now = new Date();
    for (const date of [now.toISOString(), now.toISOString().replace('Z', '+00:00').replace(/\.\d+/, '')]) {
      const r = await fetch(`${url}/v1/version`, { headers: signed(date) });
      expect([date, r.status]).toEqual([date, 401]);
    }
    const good = await fetch(`${url}/v1/version`, { headers: signed(xDate(Date.now())) });
    expect(good.status).toBe(200);
  });

  it('takes a bearer token', async () => {
    expect(await api({ token: 'id-token' }).get('/v1/version')).toMatchObject({ version: 'v0.40.0' });
    expect(await failure(api({ token: 'nope' }).get('/v1/version'))).toMatch(/^metal-api GET \/v1\/version: 401 invalid token; check/);
  });

  it('says in one line what a 500, garbage, a hang and a refused connection were', async () => {
    expect(await failure(api(view()).get('/v1/boom'))).toBe('metal-api GET /v1/boom: 500 rethinkdb: connection lost');
    expect(await failure(api(view()).get('/v1/garbage'))).toBe('metal-api GET /v1/garbage: the answer is not JSON (starts with "<html>proxy</html>")');
    expect(await failure(api(view()).get('/v1/hang'))).toBe(`metal-api ${url}: no answer within 1 s`);
    const gone = new MetalApiServer({ routes: {} });
    const goneUrl = await gone.listen();
    await gone.close();
    const closed = createMetalApi({ url: goneUrl, timeout: 1000 });
    expect(await failure(closed.get('/v1/version'))).toBe(`metal-api ${goneUrl}: connection refused`);
  });

  it('gives a list answer as its items\' texts, and says so when the answer is not a list', async () => {
    const items = ['{"id":"m1","n":[1,"]"]}', '{"id":"m2"}'];
    expect(await api(view()).postList('/v1/list', {})).toEqual(items.map((text) => ({ key: textKey(text), text })));
    // An item the caller knows comes as its key alone.
    const first = textKey(items[0] as string);
    expect(await api(view()).postList('/v1/list', {}, undefined, (key) => key === first)).toEqual([{ key: first }, { key: textKey(items[1] as string), text: items[1] }]);
    expect(await failure(api(view()).postList('/v1/object', {}))).toBe('metal-api POST /v1/object: the answer is not a list (starts with "{\\"id\\":\\"m1\\"}")');
    expect(await failure(api(view()).postList('/v1/cut', {}))).toBe('metal-api POST /v1/cut: the answer is not JSON (starts with "[{\\"id\\":\\"m1\\"},{\\"id\\":")');
    expect(await failure(api(view()).postList('/v1/boom', {}))).toBe('metal-api POST /v1/boom: 500 rethinkdb: connection lost');
    // The list is read as it streams in: one that stops half-way is a timeout, as if it had not come.
    expect(await failure(api(view()).postList('/v1/stall', {}))).toBe(`metal-api ${url}: no answer within 1 s`);
  });
});
