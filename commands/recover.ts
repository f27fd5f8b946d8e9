import { UsageError } from '../src/errors';
import { createLineReader } from '../src/wizards/runbooks/line-input';
import { isRecoveryScenario, proposeScenario, RECOVERY_SCENARIOS, recoverRunbook } from '../src/wizards/runbooks/recover';
import { guardRealRack, parseSpeed } from '../src/wizards/runbooks/guard';
import { runLine } from '../src/wizards/runbooks/run-line';
import { DEFAULT_WIZARD_SPEED, openWizardSim } from '../src/wizards/runbooks/sim-session';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig, RACK_OPTIONS } from './rack-options';

export const RECOVER_HELP = `Usage: rackpilot recover [--scenario NAME] [--dry-run] [--auto] [--speed N] [--seed N] [--config FILE]

Guided disaster recovery: proposes the failure that matches the rack, then walks
assess, fence backups, power on, restore (choose a version, type to confirm),
verify and resume backups. Each step shows its planned actions first.

  --scenario NAME   ${RECOVERY_SCENARIOS.join(', ')}
                    (on the simulated rack it is also injected, ten minutes in)
  --dry-run         show every step, action and proposed version; change nothing
  --auto            simulated rack only: run every step, take every proposal
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
    { ...RACK_OPTIONS, 'dry-run': { type: 'boolean' }, auto: { type: 'boolean' }, speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'recover',
  );
  if (values.help) {
    io.stdout(RECOVER_HELP);
    return 0;
  }
  if (values.scenario !== undefined && !isRecoveryScenario(values.scenario)) {
    throw new UsageError(`recover: unknown scenario "${values.scenario}"`, { hint: `scenarios: ${RECOVERY_SCENARIOS.join(', ')}` });
  }
  const { config } = await loadRackConfig(values, io);
  guardRealRack(config, 'recover', values);
  const rack = openWizardSim(config, parseSpeed(values.speed, DEFAULT_WIZARD_SPEED));
  const snapshot = rack.snapshot();
  const ratio = config.health.sizeDropRatio;
  const proposal = proposeScenario(snapshot, ratio);
  io.stdout(`${proposal.summary}\n`);
  const scenario = values.scenario ?? proposal.scenario;
  if (!scenario) {
    io.stdout('Nothing to recover.\n');
    return 0;
  }
  if (proposal.scenario !== scenario) io.stdout(`warning: you chose ${scenario}, but the rack looks like ${proposal.scenario ?? 'nothing a runbook covers'}.\n`);
  const reader = createLineReader(process.stdin, io.stdout);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onSigint);
  try {
    const { exitCode } = await runLine({
      runbook: recoverRunbook(scenario, snapshot, { sizeDropRatio: ratio }),
      rack,
      auto: values.auto === true,
      dryRun: values['dry-run'] === true,
      askLine: reader.ask,
      print: (line) => io.stdout(`${line}\n`),
      signal: controller.signal,
    });
    return exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    reader.close();
  }
}
