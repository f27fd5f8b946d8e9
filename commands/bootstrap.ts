import { bootstrapRunbook, firstBackupPending } from '../src/wizards/runbooks/bootstrap';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { runSimWizard } from './wizard/run-sim-wizard';
import { DEFAULT_WIZARD_SPEED, wizardSimSpec } from '../src/wizards/sim-adapter/sim-spec';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig } from './rack-options';
import { withWizardInput } from './wizard/wizard-input';
import { wizardScreen } from './wizard/wizard-tui';

export const BOOTSTRAP_HELP = `Usage: rackpilot bootstrap [--dry-run] [--auto] [--fresh] [--speed N] [--seed N] [--config FILE]

Brings a rack up in MEP-18 order, verifying each step before the next:
preflight, initial k3s, metal-stack, Gardener, partition, shoots, nested
control planes, backups. On the simulated rack it runs against a cold boot.
On a terminal it opens the full-screen wizard; with a pipe it asks line by line.
An interrupted run is resumed by running the command again.

  --dry-run         show every step and its command; change nothing
  --auto            simulated rack only: run every step without asking
  --fresh           abandon an unfinished bootstrap of this rack and start over
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
      fresh: { type: 'boolean' },
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
  const speed = parseSpeed(values.speed, DEFAULT_WIZARD_SPEED);
  const screen = wizardScreen(values, config, io.env, 'bootstrap');
  return withWizardInput(io, screen !== undefined, ({ askLine, signal }) =>
    runSimWizard({
      runbookId: 'bootstrap',
      rackName: config.rack.name,
      env: io.env,
      spec: wizardSimSpec(config, speed, 'cold'),
      ...(values.speed !== undefined ? { speed } : {}),
      auto: values.auto === true,
      dryRun: values['dry-run'] === true,
      fresh: values.fresh === true,
      // The bring-up does not depend on what the rack looks like: the same runbook for a new or resumed run.
      build: () => ({ runbook: bootstrapRunbook({ target: 'sim' }) }),
      askLine,
      print: (line) => io.stdout(`${line}\n`),
      signal,
      pending: firstBackupPending,
      ...(screen ? { screen } : {}),
    }),
  );
}
