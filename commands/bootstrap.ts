import { guardRealRack, parseSpeed } from '../src/wizards/runbooks/guard';
import { bootstrapRunbook, firstBackupPending } from '../src/wizards/runbooks/bootstrap';
import { createLineReader } from '../src/wizards/runbooks/line-input';
import { runLine } from '../src/wizards/runbooks/run-line';
import { DEFAULT_WIZARD_SPEED, openWizardSim } from '../src/wizards/runbooks/sim-session';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig } from './rack-options';

export const BOOTSTRAP_HELP = `Usage: rackpilot bootstrap [--dry-run] [--auto] [--speed N] [--seed N] [--config FILE]

Brings a rack up in MEP-18 order, verifying each step before the next:
preflight, initial k3s, metal-stack, Gardener, partition, shoots, nested
control planes, backups. On the simulated rack it runs against a cold boot.

  --dry-run         show every step and its command; change nothing
  --auto            simulated rack only: run every step without asking
  --speed N         simulated rack only: clock speed (default ${DEFAULT_WIZARD_SPEED}x)
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  -h, --help        show this help

Exit codes: 0 up and healthy, 1 aborted, 2 ended unhealthy, 64 bad usage.
`;

export async function runBootstrap(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      'dry-run': { type: 'boolean' },
      auto: { type: 'boolean' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'bootstrap',
  );
  if (values.help) {
    io.stdout(BOOTSTRAP_HELP);
    return 0;
  }
  const { config } = await loadRackConfig({ config: values.config, seed: values.seed }, io);
  guardRealRack(config, 'bootstrap', values);
  const rack = openWizardSim(config, parseSpeed(values.speed, DEFAULT_WIZARD_SPEED), 'cold');
  const reader = createLineReader(process.stdin, io.stdout);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onSigint);
  try {
    const { exitCode } = await runLine({
      runbook: bootstrapRunbook({ target: 'sim' }),
      rack,
      auto: values.auto === true,
      dryRun: values['dry-run'] === true,
      askLine: reader.ask,
      print: (line) => io.stdout(`${line}\n`),
      signal: controller.signal,
      pending: firstBackupPending,
    });
    return exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    reader.close();
  }
}
