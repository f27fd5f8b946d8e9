import * as z from 'zod';

/**
 * The `wizards:` section: which command each bootstrap step runs on a real rack, e.g.
 *
 *   wizards:
 *     bootstrap:
 *       k3s: { command: [ansible-playbook, -i, inventories/initial, k3s.yaml], timeout: 45m, idempotent: true }
 *
 * Each command is an argument list, run without a shell. Steps left out use the built-in defaults.
 */
export const BOOTSTRAP_COMMAND_STEPS = ['k3s', 'metal-stack', 'gardener', 'partition', 'shoots', 'nested', 'backups'] as const;
export type BootstrapCommandStep = (typeof BOOTSTRAP_COMMAND_STEPS)[number];

const ARGV = 'expected a command as a list of arguments, e.g. [ansible-playbook, -i, inventory, site.yaml]';
const argvSchema = z.array(z.string({ error: ARGV }).min(1, { error: ARGV }), { error: ARGV }).min(1, { error: ARGV });

/** One bootstrap step's settings; what the runbook needs of them. */
export interface BootstrapStepConfig {
  /** The argument list the step runs (no shell). */
  readonly command?: readonly string[];
  /** How long the command may run before it is stopped (default 30 min). */
  readonly timeout?: number;
  /** true: safe to run again after a crash cut it off; otherwise a resumed run asks first. */
  readonly idempotent?: boolean;
}

export interface WizardsConfig {
  readonly bootstrap?: Partial<Record<BootstrapCommandStep, BootstrapStepConfig>>;
}

/** The section's schema; `duration` is the config's duration field (schema.ts), as for backups:. */
export function wizardsSchema<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  const stepSchema = z.strictObject(
    { command: argvSchema.optional(), timeout: duration(1000).optional(), idempotent: z.boolean({ error: 'expected true or false' }).optional() },
    { error: 'expected a mapping' },
  );
  const bootstrap = z.strictObject(
    Object.fromEntries(BOOTSTRAP_COMMAND_STEPS.map((s) => [s, stepSchema.optional()])) as Record<BootstrapCommandStep, z.ZodOptional<typeof stepSchema>>,
    { error: 'expected a mapping' },
  );
  return z.strictObject({ bootstrap: bootstrap.optional() }, { error: 'expected a mapping' });
}

export const WIZARDS_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  wizards: ['bootstrap'],
  'wizards.bootstrap': BOOTSTRAP_COMMAND_STEPS,
  ...Object.fromEntries(BOOTSTRAP_COMMAND_STEPS.map((s) => [`wizards.bootstrap.${s}`, ['command', 'timeout', 'idempotent']])),
};
