/**
 * One context of metalctl's own config (`~/.metalctl/config.yaml`: `contexts:` by name), read as metalctl reads it
 * (metal-stack/metalctl pkg/api/context.go and cmd/root.go): `url`; `hmac`, signed as `hmac_auth_type`, which
 * defaults to Metal-Admin there (metal-go's default too), so the same key works here as it does for metalctl;
 * without a key, the token metalctl keeps at the file's top level (`api-token`); `certificate_authority_data`,
 * base64 of PEM (metalctl decodes it with base64.StdEncoding, so raw PEM fails there and is refused here).
 * metalctl's OIDC login (issuer_url, client_id) is not followed. Errors name this file and the key, never a secret.
 */
import * as z from 'zod';
import { ConfigError } from '../errors';
import { FileProblem, readBoundedFile } from '../files/read-bounded';
import { HMAC_TYPES, type HmacType } from '../model/metal-auth';
import { ConfigFileError, issueToConfigError } from './config-error';
import { describeKey } from './describe-value';
import { parseYaml } from './load';
import { metalApiUrl } from './metal-api-schema';

export const METALCTL_DEFAULT = '~/.metalctl/config.yaml';

export interface MetalctlContext {
  readonly url: string;
  readonly auth: { readonly hmac: { readonly key: string; readonly type: HmacType } } | { readonly token: string };
  /** The CA's PEM, decoded from certificate_authority_data. */
  readonly ca?: string;
}

const CA = 'expected base64 of the CA certificate in PEM (as metalctl reads it, e.g. base64 -w0 ca.pem)';

const caData = z.string({ error: CA }).transform((text, ctx) => {
  // Go's StdEncoding skips line breaks and nothing else; Node's decoder skips anything, so check first.
  const compact = text.replace(/[\r\n]/g, '');
  const pem = /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0 ? Buffer.from(compact, 'base64').toString('utf8') : '';
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    ctx.addIssue({ code: 'custom', message: compact.startsWith('-----BEGIN') ? `${CA}; this is PEM itself` : CA });
    return z.NEVER;
  }
  return pem;
});

const TYPE = `expected one of ${HMAC_TYPES.join(', ')}`;

// Loose objects: the file is metalctl's, and keys rackpilot does not read (issuer_url, previous, ...) are fine.
const contextSchema = z.object(
  {
    url: metalApiUrl,
    hmac: z.string({ error: 'expected the HMAC key as text (quote it if it is a number)' }).nullish(),
    hmac_auth_type: z.union([z.enum(HMAC_TYPES), z.literal('')], { error: TYPE }).optional(),
    certificate_authority_data: caData.optional(),
  },
  { error: 'expected a mapping (a metalctl context)' },
);

const fileSchema = z.object(
  {
    contexts: z.record(z.string(), z.unknown(), { error: 'expected a mapping of context names to contexts' }).nullish(),
    'api-token': z.string({ error: 'expected the token as text' }).nullish(),
  },
  { error: 'expected a mapping' },
);

/** Reads `name` from metalctl's config `file`; a ConfigError (file, key, what was expected) for anything amiss. */
export async function readMetalctlContext(file: string, name: string): Promise<MetalctlContext> {
  const raw = await parseYaml(await readFile(file), file);
  const top = fileSchema.safeParse(raw);
  if (!top.success) throw issueToConfigError(top.error, file, raw);
  const contexts = top.data.contexts ?? {};
  if (!Object.hasOwn(contexts, name)) throw new ConfigError(file, `contexts.${describeKey(name)}`, `no such context (named by metalApi.context); ${listed(Object.keys(contexts))}`);
  const parsed = z.object({ contexts: z.object({ [name]: contextSchema }) }).safeParse(raw);
  if (!parsed.success) throw issueToConfigError(parsed.error, file, raw);
  const c = parsed.data.contexts[name] as z.output<typeof contextSchema>;
  const token = top.data['api-token'];
  // metal-go signs with the key when there is one, else sends the token.
  const auth = c.hmac ? { hmac: { key: c.hmac, type: c.hmac_auth_type || 'Metal-Admin' } } : token ? { token } : undefined;
  if (!auth) {
    throw new ConfigError(
      file,
      `contexts.${describeKey(name)}.hmac`,
      'expected an HMAC key: the context has none and the file no api-token, and rackpilot does not log in through OIDC (issuer_url, client_id); add hmac (with hmac_auth_type: Metal-View for a view key), or give metalApi: a url and hmacKeyEnv or tokenEnv instead of context',
    );
  }
  return { url: c.url, auth, ...(c.certificate_authority_data ? { ca: c.certificate_authority_data } : {}) };
}

async function readFile(file: string): Promise<string> {
  try {
    return await readBoundedFile(file, { maxBytes: 1_000_000, what: "metalctl's config" });
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    const why = error.kind === 'missing' ? "no such file (metalctl's config, read for metalApi.context; metalApi.metalctlConfig names another)" : error.message;
    throw new ConfigFileError(file, why, { cause: error });
  }
}

/** The context names the file has (names only: a context holds secrets), at most 10. */
function listed(names: readonly string[]): string {
  if (names.length === 0) return 'the file has no contexts';
  const shown = names.slice(0, 10).map((n) => describeKey(n));
  return `the file has ${shown.join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`;
}
