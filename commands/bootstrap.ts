import { defaultStateDir } from '../src/wizards/engine/state-files';
import { bootstrapRunbook, firstBackupPending } from '../src/wizards/runbooks/bootstrap';
import { bootstrapCommands } from '../src/wizards/runbooks/bootstrap-config';
import { DEFAULT_WIZARD_SPEED, wizardSimSpec } from '../src/wizards/sim-adapter/sim-spec';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig } from './rack-options';
import { displayOptions, sideMode } from './wizard/display';
import { WIZARD_EXIT_CODES } from './wizard/exit-codes';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { runRealBootstrap } from './wizard/bootstrap-real';
import { withOperatorSide } from './wizard/operator-side';
import { runSimWizard } from './wizard/run-sim-wizard';

export const BOOTSTRAP_HELP = `Usage: rackpilot bootstrap [--dry-run] [--auto] [--fresh] [--resume-from-audit]
                           [--speed N] [--seed N] [--config FILE]

Brings a rack up in MEP-18 order, verifying each step before the next:
preflight, initial k3s, metal-stack, Gardener, partition, shoots, nested
control planes, backups. Each step shows its command (config:
wizards.bootstrap). On a terminal it opens the full-screen wizard; with a pipe
it asks line by line. An unfinished run is offered for resuming when you run
the command again: a finished command is never run again.
On the simulated rack it runs against a cold boot. On a real rack (mode: real)
each command runs as a process (an argument list, no shell; its timeout), its
output streamed with secrets redacted; each step is verified from the live
sources (kubernetes:, metalApi:, backups:, switches:), and one whose source
the config lacks is confirmed by you by hand (y) instead.

  --dry-run         show every step, its exact command and how it is
                    verified; change nothing
  --auto            simulated rack only: run every step without asking
  --fresh           set an unfinished bootstrap of this rack aside, start over
  --resume-from-audit
                    continue an unfinished run whose journal cannot be read
  --speed N         simulated rack only: clock speed (default ${DEFAULT_WIZARD_SPEED}x)
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  -h, --help        show this help

${WIZARD_EXIT_CODES}`;

export async function runBootstrap(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      'dry-run': { type: 'boolean' },
      auto: { type: 'boolean' },
      fresh: { type: 'boolean' },
      'resume-from-audit': { type: 'boolean' },
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
  const { config } = await loadRackConfig({ config: values.config, seed: values.seed }, io, { simOnly: ['seed'] });
  guardRealRack(config, 'bootstrap', values);
  if (config.mode === 'real') {
    const mode = sideMode(values);
    return withOperatorSide(io, { mode, title: 'bootstrap', simulated: false, ...displayOptions(config, io.env) }, (side) =>
      runRealBootstrap({ config, io, dryRun: mode === 'dry-run', fresh: values.fresh === true, fromAudit: values['resume-from-audit'] === true, side }),
    );
  }
  const speed = parseSpeed(values.speed, DEFAULT_WIZARD_SPEED);
  const mode = sideMode(values);
  // The configured commands (wizards.bootstrap.<step>.command) are what each step shows and a real executor runs.
  const runbook = bootstrapRunbook({ target: config.mode, commands: bootstrapCommands(config.wizards) });
  return withOperatorSide(io, { mode, title: 'bootstrap', simulated: config.mode === 'sim', ...displayOptions(config, io.env) }, (side) =>
    runSimWizard({
      runbookId: 'bootstrap',
      rackName: config.rack.name,
      stateDir: defaultStateDir(io.env),
      spec: wizardSimSpec(config, speed, 'cold'),
      ...(values.speed !== undefined ? { speed } : {}),
      health: config.health,
      dryRun: mode === 'dry-run',
      fresh: values.fresh === true,
      fromAudit: values['resume-from-audit'] === true,
      // The bring-up does not depend on what the rack looks like: the same runbook for a new or resumed run.
      build: () => ({ runbook }),
      pending: firstBackupPending,
      again: 'rackpilot bootstrap',
      side,
    }),
  );
}
