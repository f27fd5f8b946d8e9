import { z } from 'zod';

/**
 * Proposed config.yaml addition (not wired into src/config yet):
 *
 *   wizards:
 *     bootstrap:
 *       k3s: { command: [ansible-playbook, -i, inventories/initial, k3s.yaml] }
 *       metal-stack: { command: [...] }
 *       ...
 *
 * Each command is an argv array, run without a shell. Steps left out use DEFAULT_BOOTSTRAP_COMMANDS.
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

/** The argv per step a config section gives, for bootstrapRunbook's `commands`. */
export function bootstrapCommands(config: WizardsConfig | undefined): Partial<Record<BootstrapCommandStep, readonly string[]>> {
  const out: Partial<Record<BootstrapCommandStep, readonly string[]>> = {};
  for (const step of BOOTSTRAP_COMMAND_STEPS) {
    const command = config?.bootstrap?.[step]?.command;
    if (command) out[step] = command;
  }
  return out;
}
