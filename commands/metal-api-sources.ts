/**
 * The metal-api sources a config asks for. The secret (HMAC key or token) and a CA file are read on the first poll,
 * from the environment variable, file or metalctl context the config names; a file is read as config files are
 * (regular, bounded).
 */
import type { MetalApi } from '../src/clients/metal-api/metal-api';
import type { MetalApiCa, MetalApiConfig, MetalApiSecret } from '../src/config/metal-api';
import { readMetalctlContext } from '../src/config/metalctl';
import { SourceError } from '../src/errors';
import { type FileLimit, readBoundedFile } from '../src/files/read-bounded';
import { createApiHealthSource } from '../src/sources/metal-api/api-health-source';
import { createMachinesSource } from '../src/sources/metal-api/machines-source';
import { createSwitchesSource } from '../src/sources/metal-api/switches-source';
import type { Source } from '../src/sources/source';
import { onFirstUse } from './on-first-use';

type Env = Readonly<Record<string, string | undefined>>;

export function metalApiSources(c: MetalApiConfig, env: Env): Source[] {
  // One client for the three: the secret is read once, on the first poll of any of them.
  const o = { api: onFirstUse(() => open(c, env)), interval: c.interval, timeout: 2 * c.timeout };
  const filter = { partition: c.partition, rack: c.rack };
  return [createMachinesSource({ ...o, filter }), createSwitchesSource({ ...o, filter }), createApiHealthSource(o)];
}

/** A client for the config, its secret and CA read now (doctor; the sources do this on their first poll). */
export async function open(c: MetalApiConfig, env: Env): Promise<MetalApi> {
  const { createMetalApi } = await import('../src/clients/metal-api/metal-api');
  const auth = !c.auth ? undefined : 'hmac' in c.auth ? { hmac: { key: await secret(c.auth.hmac.key, env, 'hmac'), type: c.auth.hmac.type } } : { token: await secret(c.auth.token, env, 'token') };
  const ca = c.ca ? await caPem(c.ca) : undefined;
  return createMetalApi({ url: c.url, timeout: c.timeout, ...(auth ? { auth } : {}), ...(ca ? { ca } : {}) });
}

async function secret(s: MetalApiSecret, env: Env, kind: 'hmac' | 'token'): Promise<string> {
  if ('env' in s) {
    const value = env[s.env];
    if (!value) throw new SourceError(`metal-api: the environment variable ${s.env} (named by metalApi:) is not set`);
    return value;
  }
  if ('metalctl' in s) {
    // Read again, as the config check read it; the key or token was not kept in the config.
    const found = await readMetalctlContext(s.metalctl.file, s.metalctl.context).catch((error: unknown) => {
      throw new SourceError(`metal-api: ${error instanceof Error ? error.message : String(error)}`);
    });
    const value = 'hmac' in found.auth ? (kind === 'hmac' ? found.auth.hmac.key : undefined) : kind === 'token' ? found.auth.token : undefined;
    if (value === undefined) throw new SourceError(`metal-api: the context ${s.metalctl.context} of ${s.metalctl.file} changed from ${kind === 'hmac' ? 'an HMAC key to a token' : 'a token to an HMAC key'} since rackpilot started: restart it`);
    return value;
  }
  return readText(s.file, `the secret file ${s.file}`, { maxBytes: 64 * 1024, what: 'a secret file' });
}

/** PEM certificates; anything else is refused here rather than as a TLS failure on every request. */
async function caPem(ca: MetalApiCa): Promise<string> {
  if ('pem' in ca) return ca.pem;
  const pem = await readText(ca.file, `the CA file ${ca.file} (metalApi.caFile)`, { maxBytes: 1_000_000, what: 'a CA file' });
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new SourceError(`metal-api: the CA file ${ca.file} (metalApi.caFile): expected PEM certificates (-----BEGIN CERTIFICATE-----)`);
  return pem;
}

async function readText(file: string, label: string, limit: FileLimit): Promise<string> {
  try {
    return (await readBoundedFile(file, limit)).trim();
  } catch (error) {
    throw new SourceError(`metal-api: ${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
