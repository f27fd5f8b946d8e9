/**
 * `metal-api`: the API's own health (`GET /v1/health`, which needs no authentication and answers 500 with its report
 * when unhealthy) and version (`GET /v1/version`, read again only after a failure: it changes with a deployment,
 * which also restarts the API and so fails a poll).
 */
import * as z from 'zod';
import type { MetalApi } from '../../clients/metal-api/metal-api';
import { MetalApiError } from '../../clients/metal-api/metal-api-error';
import type { ApiHealth } from '../../model/metal-switch';
import type { Millis } from '../../model/time';
import { check } from '../output-shape';
import type { Source } from '../source';

const STATUSES = ['healthy', 'degraded', 'partial-outage', 'unhealthy'] as const;
const report = z.object({
  status: z.enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` }),
  message: z.string(),
  services: z.record(z.string(), z.object({ status: z.string(), message: z.string() })).optional(),
});

export function createApiHealthSource(o: { readonly api: () => Promise<MetalApi>; readonly interval: Millis; readonly timeout: Millis }): Source {
  let version: string | undefined;
  let last: { text: string; data: { apis: ApiHealth[] } } | undefined;
  return {
    name: 'metal-api',
    kind: 'metal-api',
    interval: o.interval,
    timeout: o.timeout,
    async poll(signal) {
      const api = await o.api();
      try {
        version ??= versionOf(await api.get('/v1/version', signal));
        const h = check(report, await health(api, signal));
        const text = JSON.stringify([h, version]);
        if (last?.text === text) return last.data;
        const services = Object.entries(h.services ?? {}).map(([name, s]) => ({ name, status: s.status, message: s.message }));
        last = { text, data: { apis: [{ name: 'metal-api', url: api.url, status: h.status, message: h.message, services, ...(version ? { version } : {}) }] } };
        return last.data;
      } catch (error) {
        version = undefined;
        throw error;
      }
    },
  };
}

/** An unhealthy metal-api answers 500 with the same report: that is an answer, not a failure to read one. */
async function health(api: MetalApi, signal: AbortSignal): Promise<unknown> {
  try {
    return await api.get('/v1/health', signal);
  } catch (error) {
    if (error instanceof MetalApiError && error.status === 500 && typeof error.body === 'object' && error.body !== null && 'status' in error.body) return error.body;
    throw error;
  }
}

function versionOf(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null && 'version' in v && typeof v.version === 'string' ? v.version : undefined;
}
