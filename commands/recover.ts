import { RackpilotError, UsageError } from '../src/errors';
import type { RackSnapshot } from '../src/model/snapshot';
import { defaultStateDir } from '../src/wizards/engine/state-files';
import { isRecoveryScenario, RECOVERY_SCENARIOS, recordedScenario, recoverRunbook, recoveryToRun, SCENARIO_PARAM } from '../src/wizards/runbooks/recover';
import type { BuiltRunbook } from '../src/wizards/sim-adapter/sim-run';
import { DEFAULT_WIZARD_SPEED, wizardSimSpec } from '../src/wizards/sim-adapter/sim-spec';
import { parseFlags } from './flags';
import type { Io } from './io';
import { helpNames, loadRackConfig, RACK_OPTIONS } from './rack-options';
import { displayOptions, sideMode } from './wizard/display';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { chooseScenario } from './wizard/choose-scenario';
import { withOperatorSide } from './wizard/operator-side';
import { runRealRecover } from './wizard/recover-real';
import { runSimWizard } from './wizard/run-sim-wizard';
import { WIZARD_EXIT_CODES } from './wizard/exit-codes';

export const RECOVER_HELP = `Usage: rackpilot recover [--scenario NAME] [--dry-run] [--auto] [--fresh]
                         [--resume-from-audit] [--speed N] [--seed N]
                         [--config FILE]

Guided disaster recovery in the order metal-stack boots: assess; re-install k3s
and restore its snapshot; stop, restore and start the initial control planes'
databases; wait for metal-api; stop the nested databases, power the machines on,
restore the nested databases; verify; confirm the backups. Each step shows the
exact commands and API calls first. Choosing the version to restore shows every
version as the backup judge sees it; you confirm by typing (a flagged version
needs an extra word). On a terminal it opens the full-screen wizard; with a pipe
it asks line by line.

An unfinished run (a crash, kill -9, a dropped SSH session) is offered for
resuming when you run the command again: completed steps are never repeated.
Ctrl-C, SIGTERM and SIGHUP abort the run at once; the summary says what is
still changed (e.g. a database still stopped) and how to undo it. The run holds
a lock on the rack; every action goes to the audit log
($XDG_STATE_HOME/rackpilot).

On a real rack (a config with kubernetes: and backups:) it restores
backup-restore-sidecar databases: stop, promote the chosen version, clear the
data directory, start, confirm the next upload (see README, Recovery on a real
rack); the versions are read again live before anything is changed.

  --scenario NAME   one of:
${helpNames(RECOVERY_SCENARIOS)}
                    (on the simulated rack it is also injected, ten minutes in)
  --dry-run         show every step, call and proposed version; change nothing
  --auto            simulated rack only: run every step, take every proposal
  --fresh           set an unfinished (or unreadable) run aside and start over
  --resume-from-audit
                    continue an unfinished run whose journal cannot be read,
                    from the audit log's record of it
  --speed N         simulated rack only: clock speed (default ${DEFAULT_WIZARD_SPEED}x; it stands
                    still while the wizard waits for you)
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  -h, --help        show this help

${WIZARD_EXIT_CODES}`;

export async function runRecover(argv: readonly string[], io: Io): Promise<number> {
  const flags = {
    ...RACK_OPTIONS,
    'dry-run': { type: 'boolean' },
    auto: { type: 'boolean' },
    fresh: { type: 'boolean' },
    'resume-from-audit': { type: 'boolean' },
    speed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const { values } = parseFlags(argv, flags, 'recover');
  if (values.help) {
    io.stdout(RECOVER_HELP);
    return 0;
  }
  const chosen = values.scenario;
  if (chosen !== undefined && !isRecoveryScenario(chosen)) {
    throw new UsageError(`recover: unknown scenario "${chosen}"`, { hint: `scenarios: ${RECOVERY_SCENARIOS.join(', ')}` });
  }
  // --scenario also names the runbook, so only --scale and --seed are the simulated rack's alone.
  const { config } = await loadRackConfig(values, io, { simOnly: ['scale', 'seed'] });
  guardRealRack(config, 'recover', values);
  if (config.mode === 'real') {
    const mode = sideMode(values);
    const side = { mode, title: 'recover', simulated: false, ...displayOptions(config, io.env), resumeNote: scenarioNote(chosen) };
    return withOperatorSide(io, side, (s) =>
      runRealRecover({ config, io, ...(chosen !== undefined ? { scenario: chosen } : {}), dryRun: mode === 'dry-run', fresh: values.fresh === true, fromAudit: values['resume-from-audit'] === true, side: s, endsIncident: true }),
    );
  }
  const speed = parseSpeed(values.speed, DEFAULT_WIZARD_SPEED);
  const mode = sideMode(values);
  const side = { mode, title: 'recover', simulated: config.mode === 'sim', ...displayOptions(config, io.env), resumeNote: scenarioNote(chosen) };
  return withOperatorSide(io, side, (s) => {
    const build = (snapshot: RackSnapshot, resumed?: Readonly<Record<string, string>>): BuiltRunbook | undefined => {
      if (resumed) {
        const scenario = recordedScenario(resumed);
        if (!scenario) throw new RackpilotError('the unfinished run does not record its recovery scenario', { hint: 'start over with --fresh' });
        return { runbook: recoverRunbook(scenario, snapshot) };
      }
      // The assess step shows the proposal; only when there is nothing to do is it said here.
      const { scenario } = chooseScenario(snapshot, chosen, s.print);
      return scenario ? recoveryToRun(scenario, snapshot) : undefined;
    };
    return runSimWizard({
      runbookId: 'recover',
      rackName: config.rack.name,
      stateDir: defaultStateDir(io.env),
      spec: wizardSimSpec(config, speed),
      ...(values.speed !== undefined ? { speed } : {}),
      health: config.health,
      dryRun: mode === 'dry-run',
      fresh: values.fresh === true,
      fromAudit: values['resume-from-audit'] === true,
      build,
      again: 'rackpilot recover',
      side: s,
    });
  });
}

/** A --scenario that differs from the unfinished run's is said at the resume question, not after it. */
function scenarioNote(chosen: string | undefined) {
  return (run: { params: Readonly<Record<string, string>> }): string | undefined => {
    const theirs = run.params[SCENARIO_PARAM];
    return chosen !== undefined && theirs !== undefined && theirs !== chosen
      ? `note: the unfinished run recovers ${theirs}; you asked for ${chosen}. Resume it, or start over to recover ${chosen}.`
      : undefined;
  };
}
