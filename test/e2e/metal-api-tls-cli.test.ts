/**
 * status and doctor against the stand-in metal-api over HTTPS, its certificate signed by a CA openssl makes when the
 * test starts: trusted through metalApi.caFile and through a metalctl context's certificate_authority_data (found in
 * $HOME/.metalctl/config.yaml), and a clear TLS line without either.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { MetalApiServer } from '../helpers/metal-api-server';
import { runCliAsync } from '../helpers/run-cli';
import { makeTestCa, type TestCa } from '../helpers/test-ca';

const dir = testDir('rackpilot-metal-api-tls-');
const children = killedAfterEach();
const KEY = 'view-key-in-the-metalctl-context';
let ca: TestCa;
let server: MetalApiServer;
let url: string;

beforeAll(async () => {
  ca = makeTestCa(dir);
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': KEY },
    tls: { key: ca.key, cert: ca.cert },
    routes: {
      'GET /v1/health': () => ({ body: { status: 'healthy', message: 'all services healthy', services: {} } }),
      'GET /v1/version': () => ({ body: { name: 'metal-api', version: 'v0.40.0' } }),
      'POST /v1/machine/ipmi/find': () => ({ body: [] }),
      'GET /v1/machine/issues': () => ({ body: [] }),
      'POST /v1/machine/issues/evaluate': () => ({ body: [] }),
      'GET /v1/switch': () => ({ body: [] }),
    },
  });
  url = await server.listen();
  // The home of an operator whose metalctl already talks to this metal-api.
  mkdirSync(join(dir, '.metalctl'));
  const caData = Buffer.from(ca.ca).toString('base64');
  writeFileSync(join(dir, '.metalctl', 'config.yaml'), `current: lab\ncontexts:\n  lab:\n    url: ${url}\n    hmac: ${KEY}\n    hmac_auth_type: Metal-View\n    certificate_authority_data: ${caData}\n`);
});
afterAll(() => server.close());

const run = (args: string[], config: string, env: Record<string, string> = {}) => runCliAsync([...args, '--config', config], { HOME: dir, ...env }, children);

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

type Json = { sources: Array<{ name: string; state: string; lastError: { message: string } | null }> };
const source = (stdout: string) => (JSON.parse(stdout) as Json).sources[0];
const own = (extra: string) => `metalApi:\n  url: ${url}\n  hmacKeyEnv: METAL_VIEW_KEY\n  timeout: 2s\n${extra}`;

describe('metal-api over HTTPS with a CA of its own', { timeout: 30_000 }, () => {
  it('status --json reads it with metalApi.caFile', async () => {
    const r = await run(['status', '--json'], config('ca-file.yaml', own(`  caFile: ${ca.caFile}\n`)), { METAL_VIEW_KEY: KEY });
    expect(source(r.stdout)).toMatchObject({ name: 'machines (metal-api)', state: 'ok', lastError: null });
    expect(r.code).toBe(0);
  });

  it('status --json and doctor read it through the metalctl context: url, key and CA from ~/.metalctl/config.yaml', async () => {
    const file = config('context.yaml', 'metalApi:\n  context: lab\n  timeout: 2s\n');
    const status = await run(['status', '--json'], file);
    expect(source(status.stdout)).toMatchObject({ state: 'ok', lastError: null });
    expect(status.code).toBe(0);
    const doctor = await run(['doctor'], file);
    expect(doctor.stdout).toMatch(/^metal-api {2}ok {4}https:\/\/127\.0\.0\.1:\d+\/metal {2}v0\.40\.0 {2}health: healthy; authentication accepted \(\d+ ms\)$/m);
    expect(doctor.code).toBe(0);
    expect(`${status.stdout}${status.stderr}${doctor.stdout}${doctor.stderr}`).not.toContain(KEY);
  });

  it('without the CA: status and doctor say in one line that the certificate is not trusted', async () => {
    const file = config('no-ca.yaml', own(''));
    const status = await run(['status', '--json'], file, { METAL_VIEW_KEY: KEY });
    const tls = `metal-api ${url}: TLS: the server's certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); name its CA with metalApi.caFile or the metalctl context's certificate_authority_data`;
    expect(source(status.stdout)?.lastError?.message).toBe(tls);
    expect(status.code).toBe(3);
    const doctor = await run(['doctor'], file, { METAL_VIEW_KEY: KEY });
    expect(doctor.stdout).toContain(`metal-api  FAIL  ${url}  health: not healthy (${tls}); ${tls}`);
    expect(doctor.code).toBe(2);
  });

  it('a caFile that is not PEM is the source error, naming the file', async () => {
    const notPem = config('not-a-ca.pem', 'hello\n');
    const status = await run(['status', '--json'], config('bad-ca.yaml', own(`  caFile: ${notPem}\n`)), { METAL_VIEW_KEY: KEY });
    expect(source(status.stdout)?.lastError?.message).toBe(`metal-api: the CA file ${notPem} (metalApi.caFile): expected PEM certificates (-----BEGIN CERTIFICATE-----)`);
  });
});
