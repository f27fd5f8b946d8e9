/**
 * A Shoot as the garden's API serves it (core.gardener.cloud/v1beta1) → the model's Shoot. Only the fields rackpilot
 * shows are read; everything is optional but its type, since Gardener versions differ (spec.cloudProfileName vs
 * spec.cloudProfile.name) and a Shoot being created has no status yet. Field facts: shared/domain/gardener.md.
 */
import * as z from 'zod';
import {
  type Condition,
  type ConditionStatus,
  type LastError,
  type LastOperation,
  OPERATION_STATES,
  OPERATION_TYPES,
  type Shoot,
  type WorkerPool,
} from '../../model/shoot';
import type { EpochMs } from '../../model/time';
import { check } from '../output-shape';

const text = z.string().optional();
const count = z.number().int().min(0).max(100_000).optional();
const condition = z.object({ type: z.string(), status: z.string(), reason: text, message: text, lastTransitionTime: text, codes: z.array(z.string()).optional() });

const shootSchema = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string(), creationTimestamp: text, labels: z.record(z.string(), z.string()).optional() }),
  spec: z
    .object({
      cloudProfileName: text,
      cloudProfile: z.object({ name: text }).optional(),
      region: text,
      seedName: text,
      purpose: text,
      kubernetes: z.object({ version: text }).optional(),
      hibernation: z.object({ enabled: z.boolean().optional() }).optional(),
      provider: z
        .object({
          type: text,
          workers: z.array(z.object({ name: z.string(), minimum: count, maximum: count, machine: z.object({ type: text }).optional() })).optional(),
          infrastructureConfig: z.object({ partitionID: text }).optional(),
        })
        .optional(),
    })
    .optional(),
  status: z
    .object({
      hibernated: z.boolean().optional(),
      seedName: text,
      technicalID: text,
      gardener: z.object({ version: text }).optional(),
      lastOperation: z.object({ type: z.string(), state: z.string(), progress: z.number().optional(), description: text, lastUpdateTime: text }).optional(),
      lastErrors: z.array(z.object({ description: z.string(), taskID: text, codes: z.array(z.string()).optional(), lastUpdateTime: text })).optional(),
      conditions: z.array(condition).optional(),
      constraints: z.array(condition).optional(),
    })
    .optional(),
});

export const SHOOT_STATUS_LABEL = 'shoot.gardener.cloud/status';

/** The model's Shoot, or throws a SourceError naming the field ("unexpected output shape: status.conditions[0].type is missing"). */
export function shootFromObject(raw: unknown): Shoot {
  const o = check(shootSchema, raw);
  const { metadata: m, spec = {}, status = {} } = o;
  const project = m.namespace.startsWith('garden-') ? m.namespace.slice('garden-'.length) : m.namespace;
  const op = status.lastOperation ? lastOperation(status.lastOperation) : undefined;
  const label = m.labels?.[SHOOT_STATUS_LABEL];
  const created = time(m.creationTimestamp);
  return {
    project,
    name: m.name,
    namespace: m.namespace,
    technicalId: status.technicalID ?? `shoot--${project}--${m.name}`,
    seed: status.seedName ?? spec.seedName ?? '',
    kubernetesVersion: spec.kubernetes?.version ?? '',
    purpose: spec.purpose ?? '',
    ...(spec.provider?.infrastructureConfig?.partitionID ? { partition: spec.provider.infrastructureConfig.partitionID } : {}),
    hibernated: status.hibernated ?? false,
    workers: (spec.provider?.workers ?? []).map(worker),
    ...(op ? { lastOperation: op } : {}),
    conditions: (status.conditions ?? []).map(toCondition),
    lastErrors: (status.lastErrors ?? []).map(toLastError),
    ...optional('cloudProfile', spec.cloudProfile?.name ?? spec.cloudProfileName),
    ...optional('provider', spec.provider?.type),
    ...optional('region', spec.region),
    ...(spec.hibernation?.enabled !== undefined ? { hibernationEnabled: spec.hibernation.enabled } : {}),
    ...optional('statusLabel', label),
    ...optional('gardenerVersion', status.gardener?.version),
    ...(created !== undefined ? { createdAt: created } : {}),
    ...(status.constraints ? { constraints: status.constraints.map(toCondition) } : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function time(value: string | undefined): EpochMs | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function worker(w: { name: string; minimum?: number; maximum?: number; machine?: { type?: string } }): WorkerPool {
  return { name: w.name, minimum: w.minimum ?? 0, maximum: w.maximum ?? 0, machineType: w.machine?.type ?? '' };
}

function lastOperation(op: { type: string; state: string; progress?: number; description?: string; lastUpdateTime?: string }): LastOperation {
  // A type or state newer than this model still shows: as the nearest word, with the original in the description.
  const type = (OPERATION_TYPES as readonly string[]).includes(op.type) ? (op.type as LastOperation['type']) : 'Reconcile';
  const state = (OPERATION_STATES as readonly string[]).includes(op.state) ? (op.state as LastOperation['state']) : 'Pending';
  const known = type === op.type && state === op.state;
  const description = op.description ?? '';
  return {
    type,
    state,
    progress: op.progress ?? 0,
    description: known ? description : `${op.type} ${op.state}: ${description}`,
    lastUpdateTime: time(op.lastUpdateTime) ?? 0,
  };
}

function toCondition(c: z.output<typeof condition>): Condition {
  const status: ConditionStatus = c.status === 'True' || c.status === 'False' || c.status === 'Progressing' ? c.status : 'Unknown';
  const at = time(c.lastTransitionTime);
  return {
    type: c.type,
    status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    ...(at !== undefined ? { lastTransitionTime: at } : {}),
  };
}

function toLastError(e: { description: string; taskID?: string; codes?: string[]; lastUpdateTime?: string }): LastError {
  const at = time(e.lastUpdateTime);
  return { description: e.description, ...(e.taskID ? { taskID: e.taskID } : {}), ...(e.codes?.length ? { codes: e.codes } : {}), ...(at !== undefined ? { lastUpdateTime: at } : {}) };
}
