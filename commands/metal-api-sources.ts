/**
 * The metal-api sources a config asks for. The secret (HMAC key or token) is read on the first poll, from the
 * environment variable or file the config names; a file is read as config files are (regular, bounded).
 */
import type { MetalApi } from '../src/clients/metal-api/metal-api';
import type { MetalApiConfig, MetalApiSecret } from '../src/config/metal-api';
import { SourceError } from '../src/errors';
import { readBoundedFile } from '../src/files/read-bounded';
import { createApiHealthSource } from '../src/sources/metal-api/api-health-source';
import { createMachinesSource } from '../src/sources/metal-api/machines-source';
import { createSwitchesSource } from '../src/sources/metal-api/switches-source';
import type { Source } from '../src/sources/source';
import { onFirstUse } from './on-first-use';

export function metalApiSources(c: MetalApiConfig, env: Readonly<Record<string, string | undefined>>): Source[] {
  // One client for the three: the secret is read once, on the first poll of any of them.
  const o = { api: onFirstUse(() => open(c, env)), interval: c.interval, timeout: 2 * c.timeout };
  const filter = { partition: c.partition, rack: c.rack };
  return [createMachinesSource({ ...o, filter }), createSwitchesSource({ ...o, filter }), createApiHealthSource(o)];
}

/** A client for the config, its secret read now (doctor; the sources do this on their first poll). */
export async function open(c: MetalApiConfig, env: Readonly<Record<string, string | undefined>>): Promise<MetalApi> {
  const { createMetalApi } = await import('../src/clients/metal-api/metal-api');
  const auth = !c.auth ? undefined : 'hmac' in c.auth ? { hmac: { key: await secret(c.auth.hmac.key, env), type: c.auth.hmac.type } } : { token: await secret(c.auth.token, env) };
  return createMetalApi({ url: c.url, timeout: c.timeout, ...(auth ? { auth } : {}) });
}

async function secret(s: MetalApiSecret, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  if ('env' in s) {
    const value = env[s.env];
    if (!value) throw new SourceError(`metal-api: the environment variable ${s.env} (named by metalApi:) is not set`);
    return value;
  }
  try {
    return (await readBoundedFile(s.file, { maxBytes: 64 * 1024, what: 'a secret file' })).trim();
  } catch (error) {
    throw new SourceError(`metal-api: the secret file ${s.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
