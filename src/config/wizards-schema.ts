import { z } from 'zod';

/**
 * The `wizards:` section: which command each bootstrap step runs on a real rack, e.g.
 *
 *   wizards:
 *     bootstrap:
 *       k3s: { command: [ansible-playbook, -i, inventories/initial, k3s.yaml] }
 *
 * Each command is an argument list, run without a shell. Steps left out use the built-in defaults.
 */
export const BOOTSTRAP_COMMAND_STEPS = ['k3s', 'metal-stack', 'gardener', 'partition', 'shoots', 'nested', 'backups'] as const;
export type BootstrapCommandStep = (typeof BOOTSTRAP_COMMAND_STEPS)[number];

const ARGV = 'expected a command as a list of arguments, e.g. [ansible-playbook, -i, inventory, site.yaml]';
const argvSchema = z.array(z.string({ error: ARGV }).min(1, { error: ARGV }), { error: ARGV }).min(1, { error: ARGV });
const stepSchema = z.strictObject({ command: argvSchema.optional() }, { error: 'expected a mapping' });

export const bootstrapWizardSchema = z.strictObject(
  Object.fromEntries(BOOTSTRAP_COMMAND_STEPS.map((s) => [s, stepSchema.optional()])) as Record<BootstrapCommandStep, z.ZodOptional<typeof stepSchema>>,
  { error: 'expected a mapping' },
);

export const wizardsSchema = z.strictObject({ bootstrap: bootstrapWizardSchema.optional() }, { error: 'expected a mapping' });

export type WizardsConfig = z.output<typeof wizardsSchema>;

export const WIZARDS_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  wizards: ['bootstrap'],
  'wizards.bootstrap': BOOTSTRAP_COMMAND_STEPS,
  ...Object.fromEntries(BOOTSTRAP_COMMAND_STEPS.map((s) => [`wizards.bootstrap.${s}`, ['command']])),
};
