// metalApi: rackpilot's own url and secret, or a context of metalctl's config (~/.metalctl/config.yaml by default).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, tempDir, writeConfig } from './helpers';

const KEY = 'hmac-key-that-must-not-show';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A home with metalctl's config in it, and a rackpilot config in that home. */
function home(metalctl: string | undefined, rackpilot: string) {
  const dir = tempDir();
  if (metalctl !== undefined) writeConfig(metalctl, '.metalctl/config.yaml', dir);
  const config = writeConfig(rackpilot, 'rackpilot.yaml', dir);
  return { dir, metalctl: join(dir, '.metalctl/config.yaml'), load: () => loadConfig({ flags: { config }, env: { HOME: dir } }) };
}

const METALCTL = `current: lab
contexts:
  lab:
    url: https://api.lab.example/metal
    issuer_url: https://dex.lab.example/dex
    client_id: metal_client
    client_secret: also-not-shown
    hmac: ${KEY}
    hmac_auth_type: Metal-View
    certificate_authority_data: ${b64(PEM)}
  prod:
    url: https://api.prod.example/metal
    hmac: ${KEY}
`;

describe('config: metalApi', () => {
  it('own url: the key named by a variable, Metal-View by default, a caFile relative to the config', async () => {
    const h = home(undefined, 'metalApi: { url: https://api.example/metal, hmacKeyEnv: METAL_VIEW_KEY, caFile: ca.pem, rack: r1 }\n');
    const { config } = await h.load();
    expect(config.mode).toBe('real');
    expect(config.metalApi).toEqual({
      url: 'https://api.example/metal',
      auth: { hmac: { key: { env: 'METAL_VIEW_KEY' }, type: 'Metal-View' } },
      ca: { file: join(h.dir, 'ca.pem') },
      rack: 'r1',
      interval: 10_000,
      timeout: 10_000,
    });
  });

  it('context: url, key type and CA from ~/.metalctl/config.yaml under $HOME; the key itself is not kept in the config', async () => {
    const h = home(METALCTL, 'metalApi: { context: lab, partition: p1, interval: 5s }\n');
    const { config } = await h.load();
    const ref = { file: h.metalctl, context: 'lab' };
    expect(config.metalApi).toEqual({
      url: 'https://api.lab.example/metal',
      auth: { hmac: { key: { metalctl: ref }, type: 'Metal-View' } },
      ca: { pem: PEM },
      partition: 'p1',
      interval: 5000,
      timeout: 10_000,
    });
    expect(JSON.stringify(config)).not.toContain(KEY);
  });

  it('context: hmac_auth_type empty means Metal-Admin, as for metalctl; metalctlConfig points elsewhere; caFile wins over the context CA', async () => {
    const dir = tempDir();
    const file = writeConfig(METALCTL, 'metalctl.yaml', dir);
    const h = home(undefined, `metalApi: { context: prod, metalctlConfig: ${file}, caFile: /etc/ca.pem }\n`);
    const { config } = await h.load();
    expect(config.metalApi?.auth).toEqual({ hmac: { key: { metalctl: { file, context: 'prod' } }, type: 'Metal-Admin' } });
    expect(config.metalApi?.ca).toEqual({ file: '/etc/ca.pem' });
  });

  it('context without hmac: the api-token metalctl keeps at the top of its file', async () => {
    const h = home('api-token: a-token\ncontexts:\n  lab: { url: "https://api.lab.example/metal" }\n', 'metalApi: { context: lab }\n');
    expect((await h.load()).config.metalApi?.auth).toEqual({ token: { metalctl: { file: h.metalctl, context: 'lab' } } });
  });

  it('a missing context names the file and lists the contexts there (names only)', async () => {
    const h = home(METALCTL, 'metalApi: { context: staging }\n');
    const error = await configError(h.load);
    expect(error.message).toBe(`${h.metalctl}: contexts.staging: no such context (named by metalApi.context); the file has lab, prod`);
  });

  it('a missing metalctl file says whose it is and how to name another', async () => {
    const h = home(undefined, 'metalApi: { context: lab }\n');
    const error = await configError(h.load);
    expect(error.message).toBe(`${h.metalctl}: no such file (metalctl's config, read for metalApi.context; metalApi.metalctlConfig names another)`);
  });

  it('context and url (or a key) together are refused in rackpilot\'s config', async () => {
    const both = home(METALCTL, 'metalApi: { context: lab, url: https://api.example/metal }\n');
    expect((await configError(both.load)).message).toMatch(/rackpilot\.yaml: metalApi\.url: expected no url next to context \(the metalctl context gives the url and the key\), got "https:\/\/api\.example\/metal"$/);
    const key = home(METALCTL, 'metalApi: { context: lab, hmacKeyFile: /k }\n');
    expect((await configError(key.load)).message).toMatch(/metalApi\.hmacKeyFile: expected no hmacKeyFile next to context .*, got a string \(not shown: it looks like a secret\)$/);
    const neither = home(METALCTL, 'metalApi: { partition: p1 }\n');
    expect((await configError(neither.load)).message).toMatch(/metalApi\.url: expected an http\(s\) URL with its base path, e\.g\. https:\/\/api\.example\/metal \(or context: a metalctl context\), got an empty value$/);
    const stray = home(METALCTL, 'metalApi: { url: https://api.example/metal, metalctlConfig: /m.yaml }\n');
    expect((await configError(stray.load)).message).toMatch(/metalApi\.metalctlConfig: expected metalctlConfig only next to context/);
  });

  it('a context without url or key, a bad type or CA: one line naming the metalctl file and key, never the secret', async () => {
    const noUrl = home(`contexts:\n  lab: { hmac: ${KEY} }\n`, 'metalApi: { context: lab }\n');
    expect((await configError(noUrl.load)).message).toBe(`${noUrl.metalctl}: contexts.lab.url: expected an http(s) URL with its base path, e.g. https://api.example/metal, got an empty value`);
    const noKey = home('contexts:\n  lab: { url: "https://a/metal", issuer_url: "https://dex", client_secret: also-not-shown }\n', 'metalApi: { context: lab }\n');
    const auth = await configError(noKey.load);
    expect(auth.message).toMatch(new RegExp(`^${noKey.metalctl}: contexts\\.lab\\.hmac: expected an HMAC key: the context has none and the file no api-token, and rackpilot does not log in through OIDC`));
    const type = home(`contexts:\n  lab: { url: "https://a/metal", hmac: ${KEY}, hmac_auth_type: Metal-view }\n`, 'metalApi: { context: lab }\n');
    expect((await configError(type.load)).message).toBe(`${type.metalctl}: contexts.lab.hmac_auth_type: expected one of Metal-View, Metal-Edit, Metal-Admin, got a string (not shown: it looks like a secret)`);
    const rawPem = home(`contexts:\n  lab:\n    url: "https://a/metal"\n    hmac: ${KEY}\n    certificate_authority_data: |\n${PEM.replace(/^/gm, '      ')}`, 'metalApi: { context: lab }\n');
    expect((await configError(rawPem.load)).message).toMatch(/contexts\.lab\.certificate_authority_data: expected base64 of the CA certificate in PEM .*; this is PEM itself, got a string \(not shown/);
    const notPem = home(`contexts:\n  lab: { url: "https://a/metal", hmac: ${KEY}, certificate_authority_data: ${b64('hello')} }\n`, 'metalApi: { context: lab }\n');
    expect((await configError(notPem.load)).message).toMatch(/contexts\.lab\.certificate_authority_data: expected base64 of the CA certificate in PEM/);
    const numeric = home('contexts:\n  lab: { url: "https://a/metal", hmac: 12345 }\n', 'metalApi: { context: lab }\n');
    expect((await configError(numeric.load)).message).toBe(`${numeric.metalctl}: contexts.lab.hmac: expected the HMAC key as text (quote it if it is a number), got a number (not shown: it looks like a secret)`);
    for (const h of [noUrl, noKey, type, rawPem, notPem, numeric]) {
      const message = (await configError(h.load)).message;
      expect(message).not.toContain(KEY);
      expect(message).not.toContain('also-not-shown');
      expect(message).not.toContain('12345');
    }
  });

  it('a metalctl file that is not a mapping of contexts is named as such', async () => {
    const h = home('contexts: [lab]\n', 'metalApi: { context: lab }\n');
    expect((await configError(h.load)).message).toBe(`${h.metalctl}: contexts: expected a mapping of context names to contexts, got a list`);
  });
});
