import { BOOTSTRAP_COMMAND_STEPS, type BootstrapCommandStep, type WizardsConfig } from '../../config/wizards-schema';

export { BOOTSTRAP_COMMAND_STEPS, type BootstrapCommandStep } from '../../config/wizards-schema';

/** The argv per step the config's `wizards.bootstrap` section gives, for bootstrapRunbook's `commands`. */
export function bootstrapCommands(config: WizardsConfig | undefined): Partial<Record<BootstrapCommandStep, readonly string[]>> {
  const out: Partial<Record<BootstrapCommandStep, readonly string[]>> = {};
  for (const step of BOOTSTRAP_COMMAND_STEPS) {
    const command = config?.bootstrap?.[step]?.command;
    if (command) out[step] = command;
  }
  return out;
}
