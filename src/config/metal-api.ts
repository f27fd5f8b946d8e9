/**
 * `metalApi:`: where metal-api answers and how rackpilot authenticates (shared/domain/metal-api.md). Secrets never sit
 * in the config: an HMAC key or a token is named by an environment variable or a file.
 */
import { z } from 'zod';
import type { Millis } from '../model/time';
import { SECOND } from '../model/time';
import { HMAC_TYPES, type HmacType } from '../model/metal-auth';
import type { ConfigLayer } from './schema';
import { path } from './switches-schema';
import { expandPath, type PathContext } from './switches';

const URL_TEXT = 'expected an http(s) URL with its base path, e.g. https://api.example/metal';
const ENV = 'expected the name of an environment variable';
const envName = z.string({ error: ENV }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: ENV });

export function metalApiSchema<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  return z.strictObject(
    {
      url: z.string({ error: URL_TEXT }).regex(/^https?:\/\/[^\s\p{Cc}]+$/u, { error: URL_TEXT }),
      hmacKeyEnv: envName.optional(),
      hmacKeyFile: path.optional(),
      hmacType: z.enum(HMAC_TYPES, { error: `expected one of ${HMAC_TYPES.join(', ')}` }).optional(),
      tokenEnv: envName.optional(),
      tokenFile: path.optional(),
      partition: z.string({ error: 'expected a partition id' }).optional(),
      rack: z.string({ error: 'expected a rack id' }).optional(),
      interval: duration(500).optional(),
      timeout: duration(500).optional(),
    },
    { error: 'expected a mapping' },
  );
}

export type MetalApiSecret = { readonly env: string } | { readonly file: string };

export interface MetalApiConfig {
  readonly url: string;
  /** How to authenticate; absent: no auth (only /v1/health answers then). */
  readonly auth?: { readonly hmac: { readonly key: MetalApiSecret; readonly type: HmacType } } | { readonly token: MetalApiSecret };
  readonly partition?: string;
  readonly rack?: string;
  readonly interval: Millis;
  readonly timeout: Millis;
}

export function resolveMetalApi(m: ConfigLayer, ctx: PathContext): MetalApiConfig | undefined {
  const a = m.metalApi;
  if (!a) return undefined;
  const secret = (env?: string, file?: string): MetalApiSecret | undefined => (env ? { env } : file ? { file: expandPath(file, ctx) } : undefined);
  const hmac = secret(a.hmacKeyEnv, a.hmacKeyFile);
  const token = secret(a.tokenEnv, a.tokenFile);
  return {
    url: a.url,
    ...(hmac ? { auth: { hmac: { key: hmac, type: a.hmacType ?? 'Metal-View' } } } : token ? { auth: { token } } : {}),
    ...(a.partition ? { partition: a.partition } : {}),
    ...(a.rack ? { rack: a.rack } : {}),
    interval: a.interval ?? 10 * SECOND,
    timeout: a.timeout ?? 10 * SECOND,
  };
}
