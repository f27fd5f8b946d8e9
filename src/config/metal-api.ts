/**
 * `metalApi:` resolved: where metal-api answers, how rackpilot authenticates and which CA it trusts
 * (shared/domain/metal-api.md). Secrets never sit in the resolved config: an HMAC key or a token is named by an
 * environment variable, a file, or the metalctl context that holds it, and read when the source first connects.
 */
import type { Millis } from '../model/time';
import { SECOND } from '../model/time';
import type { HmacType } from '../model/metal-auth';
import { METALCTL_DEFAULT, readMetalctlContext } from './metalctl';
import type { ConfigLayer } from './schema';
import { expandPath, type PathContext } from './switches';

/** A context of metalctl's config file. */
export interface MetalctlRef {
  readonly file: string;
  readonly context: string;
}

export type MetalApiSecret = { readonly env: string } | { readonly file: string } | { readonly metalctl: MetalctlRef };

/** The CA to trust instead of the system's: a PEM file read on first use, or the PEM a metalctl context carries. */
export type MetalApiCa = { readonly file: string } | { readonly pem: string };

export interface MetalApiConfig {
  readonly url: string;
  /** How to authenticate; absent: no auth (only /v1/health answers then). */
  readonly auth?: { readonly hmac: { readonly key: MetalApiSecret; readonly type: HmacType } } | { readonly token: MetalApiSecret };
  readonly ca?: MetalApiCa;
  readonly partition?: string;
  readonly rack?: string;
  readonly interval: Millis;
  readonly timeout: Millis;
}

/** Reads the metalctl context the section names (a ConfigError naming that file and key when it does not fit). */
export async function resolveMetalApi(m: ConfigLayer, ctx: PathContext): Promise<MetalApiConfig | undefined> {
  const a = m.metalApi;
  if (!a) return undefined;
  const common = {
    ...(a.partition ? { partition: a.partition } : {}),
    ...(a.rack ? { rack: a.rack } : {}),
    interval: a.interval ?? 10 * SECOND,
    timeout: a.timeout ?? 10 * SECOND,
  };
  const caFile = a.caFile ? { file: expandPath(a.caFile, ctx) } : undefined;
  if (a.context !== undefined) {
    const ref = { file: expandPath(a.metalctlConfig ?? METALCTL_DEFAULT, ctx), context: a.context };
    const found = await readMetalctlContext(ref.file, ref.context);
    const key = { metalctl: ref };
    // caFile wins over the context's CA, as metalctl's own certificate-authority-data setting does.
    const ca = caFile ?? (found.ca ? { pem: found.ca } : undefined);
    return { url: found.url, auth: 'hmac' in found.auth ? { hmac: { key, type: found.auth.hmac.type } } : { token: key }, ...(ca ? { ca } : {}), ...common };
  }
  const secret = (env?: string, file?: string): MetalApiSecret | undefined => (env ? { env } : file ? { file: expandPath(file, ctx) } : undefined);
  const hmac = secret(a.hmacKeyEnv, a.hmacKeyFile);
  const token = secret(a.tokenEnv, a.tokenFile);
  // The schema refuses a section with neither url nor context.
  if (a.url === undefined) throw new Error('metalApi: a section without url or context passed the schema');
  return {
    url: a.url,
    ...(hmac ? { auth: { hmac: { key: hmac, type: a.hmacType ?? 'Metal-View' } } } : token ? { auth: { token } } : {}),
    ...(caFile ? { ca: caFile } : {}),
    ...common,
  };
}
