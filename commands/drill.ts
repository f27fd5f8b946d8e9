import { UsageError } from '../src/errors';
import { DEFAULT_DRILL_SPEED, runDrill } from '../src/wizards/drill/drill';
import { REAL_INJECTABLE } from '../src/wizards/drill/real-inject';
import { checkReportPath } from '../src/wizards/drill/report';
import { defaultStateDir } from '../src/wizards/engine/state-files';
import { summaryLines } from '../src/wizards/operator/summary-lines';
import { isRecoveryScenario, RECOVERY_SCENARIOS } from '../src/wizards/runbooks/scenario';
import { parseFlags, positiveInt } from './flags';
import type { Io } from './io';
import { helpNames, loadRackConfig } from './rack-options';
import { displayOptions, sideMode } from './wizard/display';
import { drillLines } from './wizard/drill-lines';
import { runRealDrill } from './wizard/drill-real';
import { notStartedExitCode, runExitCode, WIZARD_EXIT_CODES } from './wizard/exit-codes';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { withOperatorSide } from './wizard/operator-side';

export const DRILL_HELP = `Usage: rackpilot drill --scenario NAME [--report PATH] [--auto] [--fresh]
                      [--seed N] [--speed N] [--config FILE]
                      [--real [--dry-run]]

A disaster-recovery drill on a private simulated rack: injects the failure, lets
it develop for ten minutes, runs the recovery wizard and measures the machine's
time (the simulated clock stands still while the wizard waits for you), your
time answering, the RTO (both together) and the data lost per restored database
(RPO). A killed drill is offered for resuming, like a recovery.

  --scenario NAME   one of:
${helpNames(RECOVERY_SCENARIOS)}
  --report PATH     write the report: .md as Markdown, anything else as JSON
                    (the directory must exist)
  --auto            take every proposal and type every confirmation (sim only)
  --fresh           set an unfinished drill of this scenario aside, start over
  --seed N          random seed of the simulated rack
  --speed N         clock speed (default ${DEFAULT_DRILL_SPEED}x)
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  --real            DESTRUCTIVE: drill against the real rack of the config (a
                    lab): the drill breaks it itself, then recovers it; only
                    empty-backup-after-restart (stop a backup-restore-sidecar
                    database, DELETE ITS VOLUME, start it empty), every call
                    shown first, the injection confirmed by typing
                    "destroy COMPONENT on RACK", the restored version by
                    typing too; never with --auto
  --dry-run         with --real: show the injection (every call, the text it
                    would ask you to type) and change nothing
  -h, --help        show this help

${WIZARD_EXIT_CODES}`;

export async function runDrillCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      scenario: { type: 'string' },
      report: { type: 'string' },
      auto: { type: 'boolean' },
      fresh: { type: 'boolean' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      config: { type: 'string' },
      real: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'drill',
  );
  if (values.help) {
    io.stdout(DRILL_HELP);
    return 0;
  }
  const scenario = values.scenario;
  if (scenario === undefined || !isRecoveryScenario(scenario)) {
    throw new UsageError(scenario === undefined ? 'drill: --scenario is required' : `drill: unknown scenario "${scenario}"`, {
      hint: `scenarios: ${RECOVERY_SCENARIOS.join(', ')}`,
    });
  }
  // A drill always runs on its own simulated rack, so --seed applies whatever the config describes.
  const { config } = await loadRackConfig({ config: values.config, seed: values.seed }, io, { simOnly: [] });
  if (config.mode === 'real' && !values.real) {
    throw new UsageError('drill: the config names a real rack; a drill against it needs --real', { hint: 'drop --config to drill on the simulated rack' });
  }
  if (values['dry-run'] && !values.real) throw new UsageError('drill: --dry-run is for --real (a drill on the simulated rack changes nothing real)');
  if (values.real) guardRealRack({ ...config, mode: 'real' }, 'drill', values);
  if (values.report) checkReportPath(values.report);
  if (values.real) {
    if (!REAL_INJECTABLE.includes(scenario)) {
      throw new UsageError(`drill: on a real rack a drill can inject only ${REAL_INJECTABLE.join(', ')}, not ${scenario}`, { hint: 'rehearse the others on the simulated rack (drop --real)' });
    }
    for (const f of ['seed', 'speed'] as const) if (values[f] !== undefined) throw new UsageError(`drill: --${f} is for the simulated rack only`);
    const side = { mode: sideMode(values), title: `drill ${scenario} (REAL rack)`, simulated: false, ...displayOptions(config, io.env) };
    return withOperatorSide(io, side, (s) => runRealDrill({ config, io, scenario, ...(values.report ? { report: values.report } : {}), fresh: values.fresh === true, dryRun: values['dry-run'] === true, side: s }));
  }
  const speed = parseSpeed(values.speed, DEFAULT_DRILL_SPEED);
  const mode = sideMode(values);
  return withOperatorSide(io, { mode: mode === 'dry-run' ? 'auto' : mode, title: `drill ${scenario}`, simulated: true, ...displayOptions(config, io.env) }, async (side) => {
    try {
      const { drill, run } = await runDrill({
        scenario,
        interaction: side.interaction,
        speed,
        seed: positiveInt('seed', values.seed) ?? config.sim.seed,
        stateDir: defaultStateDir(io.env),
        health: config.health,
        ...(values.report ? { report: values.report } : {}),
        fresh: values.fresh === true,
        print: side.print,
        offerResume: side.offerResume,
        onStart: (runbook, proposal) => {
          side.print(`Drill: ${scenario}, injected ten minutes ago.`);
          side.print(proposal.summary);
          side.started(runbook);
        },
        onEvent: side.onEvent,
        onClock: side.setClock,
        signal: side.signal,
      });
      await side.finish([...summaryLines(run, { incidentStart: drill.incidentStart, again: `rackpilot drill --scenario ${scenario}` }), '', ...drillLines(drill, values.report)]);
      return runExitCode(side, { state: drill.outcome, healthy: drill.healthy, error: run.error });
    } catch (error) {
      const code = await notStartedExitCode(side, error, 'Interrupted before the drill started: nothing was run.');
      if (code === undefined) throw error;
      return code;
    }
  });
}
