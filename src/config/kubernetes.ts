/**
 * `kubernetes:`: which kubeconfig contexts play which part of the rack (MEP-18): `garden` serves the Shoots (the
 * virtual garden), `initial` is the k3s cluster holding the initial metal-stack and Gardener control planes, and
 * `nested` maps a shoot ("project/name") to the context of the cluster inside it that hosts a nested control plane.
 * The kubeconfig files are found as kubectl finds them: `kubeconfig:` (several joined by ":"), else $KUBECONFIG,
 * else ~/.kube/config.
 */
import * as z from 'zod';
import type { Millis } from '../model/time';
import { SECOND } from '../model/time';
import type { ConfigLayer } from './schema';
import { expandPath, type PathContext } from './switches';

const CONTEXT = 'expected a kubeconfig context name';
const contextName = z.string({ error: CONTEXT }).regex(/^[^\p{Cc}\s]+$/u, { error: CONTEXT });
const FILES = 'expected a kubeconfig path, or several joined by ":"';
const NAMESPACE = 'expected a Kubernetes namespace name';
const namespace = z.string({ error: NAMESPACE }).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: NAMESPACE });
const SHOOT = 'expected the key to name a shoot as project/name';

export function kubernetesSchema<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  return z.strictObject(
    {
      kubeconfig: z.string({ error: FILES }).regex(/^[^\p{Cc}]+$/u, { error: FILES }).optional(),
      garden: contextName.optional(),
      initial: contextName.optional(),
      nested: z
        .record(z.string(), contextName, { error: 'expected a mapping of project/name: context' })
        .superRefine((shoots, ctx) => {
          for (const key of Object.keys(shoots)) if (!/^[^/\s]+\/[^/\s]+$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: SHOOT });
        })
        .optional(),
      interval: duration(500).optional(),
      requestTimeout: duration(500).optional(),
      namespaces: z
        .strictObject({ metalStack: namespace.optional(), gardener: namespace.optional() }, { error: 'expected a mapping with metalStack and gardener' })
        .optional(),
    },
    { error: 'expected a mapping' },
  );
}

export interface KubernetesConfig {
  readonly kubeconfig: readonly string[];
  readonly garden?: string;
  readonly initial?: string;
  readonly nested: ReadonlyArray<{ readonly shoot: string; readonly context: string }>;
  /** How often a source's watch cache is turned into a snapshot (changes also publish at once). */
  readonly interval: Millis;
  /** Longest a single list or other request may take. */
  readonly requestTimeout: Millis;
  /** Where the control planes run in the initial and nested clusters (the mini-lab's layout by default). */
  readonly namespaces: { readonly metalStack: string; readonly gardener: string };
}

export const KUBE_DEFAULTS = {
  interval: 5 * SECOND,
  requestTimeout: 10 * SECOND,
  // metal-stack/mini-lab deploys metal-stack into metal-control-plane and Gardener into garden.
  namespaces: { metalStack: 'metal-control-plane', gardener: 'garden' },
} as const;

/** Absent without a `kubernetes:` section that names at least one context. */
export function resolveKubernetes(m: ConfigLayer, ctx: PathContext): KubernetesConfig | undefined {
  const k = m.kubernetes;
  if (!k || (k.garden === undefined && k.initial === undefined && Object.keys(k.nested ?? {}).length === 0)) return undefined;
  const listed = k.kubeconfig ?? ctx.env.KUBECONFIG ?? '';
  const files = listed.split(':').filter((f) => f !== '');
  const base = k.kubeconfig === undefined ? { ...ctx, baseDir: process.cwd() } : ctx;
  return {
    kubeconfig: (files.length > 0 ? files : ['~/.kube/config']).map((f) => expandPath(f, base)),
    ...(k.garden ? { garden: k.garden } : {}),
    ...(k.initial ? { initial: k.initial } : {}),
    nested: Object.entries(k.nested ?? {}).map(([shoot, context]) => ({ shoot, context })),
    interval: k.interval ?? KUBE_DEFAULTS.interval,
    requestTimeout: k.requestTimeout ?? KUBE_DEFAULTS.requestTimeout,
    namespaces: { ...KUBE_DEFAULTS.namespaces, ...k.namespaces },
  };
}
