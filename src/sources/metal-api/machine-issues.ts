/**
 * metal-api's own judgement of the machines (`metalctl machine issues`): the catalogue (`GET /v1/machine/issues`,
 * ids, severities, descriptions, read once) and the evaluation (`POST /v1/machine/issues/evaluate`, which ids apply
 * to which machine), joined onto the machines by machine-list.ts. Shape checked like every answer.
 */
import * as z from 'zod';
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { MachineIssue } from '../../model/machine';
import { check } from '../output-shape';

const catalogueSchema = z.array(z.object({ id: z.string(), severity: z.string(), description: z.string(), ref_url: z.string().optional() }));
const evaluationSchema = z.array(z.object({ machineid: z.string(), issues: z.array(z.string()) }));

/** The server's default look-back for last-event-error: 7 days, in nanoseconds as the API wants it. */
const LAST_ERROR_THRESHOLD_NS = 7 * 24 * 3600 * 1e9;

export type IssueCatalogue = ReadonlyMap<string, MachineIssue>;

export async function readCatalogue(api: MetalApi, signal: AbortSignal): Promise<IssueCatalogue> {
  const items = check(catalogueSchema, await api.get('/v1/machine/issues', signal));
  return new Map(
    items.map((i) => [
      i.id,
      { id: i.id, severity: i.severity === 'critical' || i.severity === 'major' ? i.severity : 'minor', description: i.description, ...(i.ref_url ? { refUrl: i.ref_url } : {}) },
    ]),
  );
}

export async function evaluateIssues(api: MetalApi, filter: Record<string, string>, catalogue: IssueCatalogue, signal: AbortSignal): Promise<ReadonlyMap<string, MachineIssue[]>> {
  const body = { ...filter, only: [], omit: [], severity: '', last_error_threshold: LAST_ERROR_THRESHOLD_NS };
  const answer = check(evaluationSchema, await api.post('/v1/machine/issues/evaluate', body, signal));
  // An id missing from the catalogue (a newer server) still shows, as minor, under its own name.
  return new Map(answer.map((r) => [r.machineid, r.issues.map((id) => catalogue.get(id) ?? { id, severity: 'minor' as const, description: id })]));
}
