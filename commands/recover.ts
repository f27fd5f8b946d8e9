import { RackpilotError, UsageError } from '../src/errors';
import { isRecoveryScenario, proposeScenario, RECOVERY_SCENARIOS, recoverRunbook } from '../src/wizards/runbooks/recover';
import { guardRealRack, parseSpeed } from './wizard/guard';
import type { BuiltRunbook } from '../src/wizards/sim-adapter/sim-run';
import { runSimWizard } from './wizard/run-sim-wizard';
import { DEFAULT_WIZARD_SPEED, wizardSimSpec } from '../src/wizards/sim-adapter/sim-spec';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig, RACK_OPTIONS } from './rack-options';
import { withWizardInput } from './wizard/wizard-input';
import { wizardScreen } from './wizard/wizard-tui';

export const RECOVER_HELP = `Usage: rackpilot recover [--scenario NAME] [--dry-run] [--auto] [--fresh] [--speed N]
                         [--seed N] [--config FILE]

Guided disaster recovery: proposes the failure that matches the rack, then walks
assess, fence backups, power on, restore (choose a version, type to confirm),
verify and resume backups. Each step shows its planned actions first. On a
terminal it opens the full-screen wizard; with a pipe it asks line by line.

A run that was interrupted (Ctrl-C, a crash, kill -9) is resumed by running the
command again: completed steps and actions are never repeated. The run holds a
lock on the rack and every action goes to the audit log ($XDG_STATE_HOME/rackpilot).

  --scenario NAME   ${RECOVERY_SCENARIOS.join(', ')}
                    (on the simulated rack it is also injected, ten minutes in)
  --dry-run         show every step, action and proposed version; change nothing
  --auto            simulated rack only: run every step, take every proposal
  --fresh           abandon an unfinished run of this rack and start over
  --speed N         simulated rack only: clock speed (default ${DEFAULT_WIZARD_SPEED}x)
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  -h, --help        show this help

Exit codes: 0 recovered and healthy (or nothing to do), 1 aborted or cancelled,
2 ended unhealthy, 64 bad usage (--auto against a real rack).
`;

export async function runRecover(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    { ...RACK_OPTIONS, 'dry-run': { type: 'boolean' }, auto: { type: 'boolean' }, fresh: { type: 'boolean' }, speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'recover',
  );
  if (values.help) {
    io.stdout(RECOVER_HELP);
    return 0;
  }
  const chosen = values.scenario;
  if (chosen !== undefined && !isRecoveryScenario(chosen)) {
    throw new UsageError(`recover: unknown scenario "${chosen}"`, { hint: `scenarios: ${RECOVERY_SCENARIOS.join(', ')}` });
  }
  const { config } = await loadRackConfig(values, io);
  guardRealRack(config, 'recover', values);
  const ratio = config.health.sizeDropRatio;
  const print = (line: string) => io.stdout(`${line}\n`);
  const build = (snapshot: Parameters<typeof proposeScenario>[0], resumed?: Readonly<Record<string, string>>): BuiltRunbook | undefined => {
    if (resumed) {
      const scenario = resumed['recover.scenario'];
      if (scenario === undefined || !isRecoveryScenario(scenario)) throw new RackpilotError('the unfinished run does not record its recovery scenario', { hint: 'start over with --fresh' });
      if (chosen !== undefined && chosen !== scenario) print(`note: the unfinished run recovers ${scenario}; --scenario ${chosen} is not used (--fresh starts over).`);
      return { runbook: recoverRunbook(scenario, snapshot, { sizeDropRatio: ratio }) };
    }
    const proposal = proposeScenario(snapshot, ratio);
    print(proposal.summary);
    const scenario = chosen ?? proposal.scenario;
    if (!scenario) {
      print('Nothing to recover.');
      return undefined;
    }
    if (proposal.scenario !== scenario) print(`warning: you chose ${scenario}, but the rack looks like ${proposal.scenario ?? 'nothing a runbook covers'}.`);
    return { runbook: recoverRunbook(scenario, snapshot, { sizeDropRatio: ratio }), params: { 'recover.scenario': scenario } };
  };
  const speed = parseSpeed(values.speed, DEFAULT_WIZARD_SPEED);
  const screen = wizardScreen(values, config, io.env, 'recover');
  return withWizardInput(io, screen !== undefined, ({ askLine, signal }) =>
    runSimWizard({
      runbookId: 'recover',
      rackName: config.rack.name,
      env: io.env,
      spec: wizardSimSpec(config, speed),
      ...(values.speed !== undefined ? { speed } : {}),
      auto: values.auto === true,
      dryRun: values['dry-run'] === true,
      fresh: values.fresh === true,
      build,
      askLine,
      print,
      signal,
      ...(screen ? { screen } : {}),
    }),
  );
}
