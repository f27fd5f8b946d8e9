// The metal-api client over HTTPS: it trusts the CA it is given (undici's Agent), and without it says in one line
// that the certificate is not trusted and where to name a CA. The CA is made by openssl when the test starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetalApi } from '../../src/clients/metal-api/metal-api';
import { testDir } from '../helpers/cleanup';
import { MetalApiServer } from '../helpers/metal-api-server';
import { makeTestCa, type TestCa } from '../helpers/test-ca';

const KEY = 'view-key';
const dir = testDir('rackpilot-tls-');
let ca: TestCa;
let server: MetalApiServer;
let url: string;

beforeAll(async () => {
  ca = makeTestCa(dir);
  server = new MetalApiServer({ hmacKeys: { 'Metal-View': KEY }, routes: { 'GET /v1/version': () => ({ body: { version: 'v0.40.0' } }) }, tls: { key: ca.key, cert: ca.cert } });
  url = await server.listen();
});
afterAll(() => server.close());

const api = (pem?: string) => createMetalApi({ url, timeout: 2000, auth: { hmac: { key: KEY, type: 'Metal-View' } }, ...(pem ? { ca: pem } : {}) });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e as Error).message);

describe('metal-api over HTTPS (stand-in server, CA made by openssl now)', () => {
  it('trusts the CA it is given, for every request on the same connections, HMAC as ever', async () => {
    const client = api(ca.ca);
    expect(await client.get('/v1/version')).toEqual({ version: 'v0.40.0' });
    expect(await client.get('/v1/version')).toEqual({ version: 'v0.40.0' });
    expect(server.seen.at(-1)?.authorization).toMatch(/^Metal-View [0-9a-f]{64}$/);
  });

  it('without the CA: one line saying the certificate is not trusted and where to name its CA', async () => {
    expect(await failure(api().get('/v1/version'))).toBe(
      `metal-api ${url}: TLS: the server's certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); name its CA with metalApi.caFile or the metalctl context's certificate_authority_data`,
    );
  });

  it('with another CA: not trusted by the CA configured for it', async () => {
    expect(await failure(api(ca.other).get('/v1/version'))).toBe(`metal-api ${url}: TLS: the server's certificate is not trusted by the CA configured for it (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`);
  });
});
