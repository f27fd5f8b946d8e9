import { BOOTSTRAP_COMMAND_STEPS, type BootstrapCommandStep, type BootstrapStepConfig, type WizardsConfig } from '../../config/wizards-schema';

export { BOOTSTRAP_COMMAND_STEPS, type BootstrapCommandStep, type BootstrapStepConfig } from '../../config/wizards-schema';

/** The argv per step the config's `wizards.bootstrap` section gives, for bootstrapRunbook's `commands`. */
export function bootstrapCommands(config: WizardsConfig | undefined): Partial<Record<BootstrapCommandStep, readonly string[]>> {
  const out: Partial<Record<BootstrapCommandStep, readonly string[]>> = {};
  for (const step of BOOTSTRAP_COMMAND_STEPS) {
    const command = config?.bootstrap?.[step]?.command;
    if (command) out[step] = command;
  }
  return out;
}

/** Each step's timeout and whether it may be repeated after a crash, as `wizards.bootstrap` gives them. */
export function bootstrapSettings(config: WizardsConfig | undefined): Partial<Record<BootstrapCommandStep, Omit<BootstrapStepConfig, 'command'>>> {
  const out: Partial<Record<BootstrapCommandStep, Omit<BootstrapStepConfig, 'command'>>> = {};
  for (const step of BOOTSTRAP_COMMAND_STEPS) {
    const c = config?.bootstrap?.[step];
    if (c?.timeout !== undefined || c?.idempotent !== undefined) out[step] = { ...(c.timeout !== undefined ? { timeout: c.timeout } : {}), ...(c.idempotent !== undefined ? { idempotent: c.idempotent } : {}) };
  }
  return out;
}
