import { UsageError } from '../src/errors';
import { formatBytes } from '../src/text/format-bytes';
import { formatDuration } from '../src/text/format-duration';
import { DEFAULT_DRILL_SPEED, type DrillResult, runDrill } from '../src/wizards/drill/drill';
import { checkReportPath } from '../src/wizards/drill/report';
import { defaultStateDir } from '../src/wizards/engine/state-files';
import { summaryLines } from '../src/wizards/operator/summary-lines';
import { isRecoveryScenario, RECOVERY_SCENARIOS } from '../src/wizards/runbooks/scenario';
import { parseFlags, positiveInt } from './flags';
import type { Io } from './io';
import { helpNames, loadRackConfig } from './rack-options';
import { displayOptions, sideMode } from './wizard/display';
import { notStartedExitCode, runExitCode, WIZARD_EXIT_CODES } from './wizard/exit-codes';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { withOperatorSide } from './wizard/operator-side';

export const DRILL_HELP = `Usage: rackpilot drill --scenario NAME [--report PATH] [--auto] [--fresh]
                      [--seed N] [--speed N] [--config FILE] [--real]

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
  --real            drill against the real rack (not available yet)
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
  if (values.real) guardRealRack({ ...config, mode: 'real' }, 'drill', values);
  if (values.report) checkReportPath(values.report);
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

function drillLines(d: DrillResult, report: string | undefined): string[] {
  return [
    `Drill ${d.outcome}${d.reason ? `: ${d.reason}` : ''}; rack ${d.healthy ? 'healthy' : 'NOT healthy'}.`,
    `Machine time (the rack's own work): ${formatDuration(d.machineTime)}`,
    `Operator time (reading and answering): ${formatDuration(d.operatorTime)}`,
    `RTO (machine + operator time, recovery start to healthy): ${d.rto === undefined ? 'not reached' : formatDuration(d.rto)}`,
    ...d.restored.map((r) => {
      const newest = r.newest ? 'the newest' : `not the newest: ${r.skipped.length} newer version(s) looked wrong`;
      return `Restored ${r.component} version ${r.versionId} (${r.size === undefined ? '?' : formatBytes(r.size)}, ${newest}); RPO ${r.rpo === undefined ? '?' : formatDuration(r.rpo)}`;
    }),
    ...(d.notRestored.length ? [`Not restored: ${d.notRestored.join(', ')}`] : []),
    ...d.remaining.map((f) => `CRIT  ${f.summary}`),
    ...(report ? [`Report written to ${report}`] : []),
  ];
}
