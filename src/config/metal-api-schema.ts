/**
 * The shape of `metalApi:`: either rackpilot's own url and secret (an HMAC key or token named by an environment
 * variable or a file, never inline), or `context:`, a context of metalctl's config that gives the url, the key and
 * the CA. Kept apart from metal-api.ts (which reads metalctl's file) so that the schema imports no file reading.
 */
import * as z from 'zod';
import { HMAC_TYPES } from '../model/metal-auth';
import { path } from './switches-schema';

export const URL_TEXT = 'expected an http(s) URL with its base path, e.g. https://api.example/metal';
export const metalApiUrl = z.string({ error: URL_TEXT }).regex(/^https?:\/\/[^\s\p{Cc}]+$/u, { error: URL_TEXT });

const ENV = 'expected the name of an environment variable';
const envName = z.string({ error: ENV }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: ENV });
const CONTEXT = 'expected the name of a context in metalctl\'s config';
const contextName = z.string({ error: CONTEXT }).regex(/^[^\p{Cc}]+$/u, { error: CONTEXT });

/** What a metalctl context gives, so rackpilot's config may not say it too. */
const FROM_CONTEXT = ['url', 'hmacKeyEnv', 'hmacKeyFile', 'hmacType', 'tokenEnv', 'tokenFile'] as const;

export function metalApiSchema<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  return z
    .strictObject(
      {
        url: metalApiUrl.optional(),
        hmacKeyEnv: envName.optional(),
        hmacKeyFile: path.optional(),
        hmacType: z.enum(HMAC_TYPES, { error: `expected one of ${HMAC_TYPES.join(', ')}` }).optional(),
        tokenEnv: envName.optional(),
        tokenFile: path.optional(),
        context: contextName.optional(),
        metalctlConfig: path.optional(),
        caFile: path.optional(),
        partition: z.string({ error: 'expected a partition id' }).optional(),
        rack: z.string({ error: 'expected a rack id' }).optional(),
        interval: duration(500).optional(),
        timeout: duration(500).optional(),
      },
      { error: 'expected a mapping' },
    )
    .superRefine((a, ctx) => {
      if (a.context !== undefined) {
        for (const key of FROM_CONTEXT) {
          if (a[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `expected no ${key} next to context (the metalctl context gives the url and the key)` });
        }
        return;
      }
      if (a.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: `${URL_TEXT} (or context: a metalctl context)` });
      if (a.metalctlConfig !== undefined) ctx.addIssue({ code: 'custom', path: ['metalctlConfig'], message: 'expected metalctlConfig only next to context (it names the file the context is read from)' });
    });
}
