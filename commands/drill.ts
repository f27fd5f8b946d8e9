import { UsageError } from '../src/errors';
import { formatBytes } from '../src/text/format-bytes';
import { DEFAULT_DRILL_SPEED, runDrill } from '../src/wizards/drill/drill';
import { defaultStateDir } from '../src/wizards/engine/journal';
import { formatDuration } from '../src/wizards/drill/report';
import { guardRealRack, parseSpeed } from './wizard/guard';
import { createLineInteraction, createLinePrinter } from '../src/wizards/operator/line-interaction';
import { createLineReader } from './wizard/line-input';
import { isRecoveryScenario, RECOVERY_SCENARIOS } from '../src/wizards/runbooks/scenario';
import type { RunEvent } from '../src/wizards/engine/types';
import { parseFlags, positiveInt } from './flags';
import type { Io } from './io';
import { loadRackConfig } from './rack-options';
import { wizardScreen } from './wizard/wizard-tui';

export const DRILL_HELP = `Usage: rackpilot drill --scenario NAME [--report PATH] [--auto] [--seed N] [--speed N]
                      [--config FILE] [--real]

A disaster-recovery drill on a private simulated rack: injects the failure, lets
it develop for ten minutes, runs the recovery wizard and measures the time to
recover (RTO) and the data lost per restored database (RPO).

  --scenario NAME   ${RECOVERY_SCENARIOS.join(', ')}
  --report PATH     write the report: .md as Markdown, anything else as JSON
  --auto            take every proposal and type every confirmation (sim only)
  --seed N          random seed of the simulated rack
  --speed N         clock speed (default ${DEFAULT_DRILL_SPEED}x)
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  --real            drill against the real rack (not available yet)
  -h, --help        show this help

Exit codes: 0 recovered and healthy, 1 aborted or cancelled, 2 ended unhealthy,
64 bad usage.
`;

export async function runDrillCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      scenario: { type: 'string' },
      report: { type: 'string' },
      auto: { type: 'boolean' },
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
  const { config } = await loadRackConfig({ config: values.config, seed: values.seed }, io);
  if (config.mode === 'real' && !values.real) {
    throw new UsageError('drill: the config names a real rack; a drill against it needs --real', { hint: 'drop --config to drill on the simulated rack' });
  }
  if (values.real) guardRealRack({ ...config, mode: 'real' }, 'drill', values);
  const print = (line: string) => io.stdout(`${line}\n`);
  // On a terminal the recovery runs in the full-screen wizard; the report is printed once it closes.
  const screen = wizardScreen(values, config, io.env, `drill ${scenario}`);
  const reader = values.auto || screen ? undefined : createLineReader(process.stdin, io.stdout);
  let printer: ((e: RunEvent) => void) | undefined;
  try {
    const drill = await runDrill({
      scenario,
      auto: values.auto === true,
      ...(reader ? { interaction: createLineInteraction(reader.ask, print) } : {}),
      ...(screen ? { screen } : {}),
      speed: parseSpeed(values.speed, DEFAULT_DRILL_SPEED),
      seed: positiveInt('seed', values.seed) ?? config.sim.seed,
      stateDir: defaultStateDir(io.env),
      ...(values.report ? { report: values.report } : {}),
      onStart: (runbook, proposal) => {
        print(`Drill: ${scenario}, injected ten minutes ago.`);
        print(proposal.summary);
        // The screen shows the run itself; printing it underneath would garble the screen.
        if (!screen) printer = createLinePrinter(runbook, print);
      },
      onEvent: (e) => printer?.(e),
    });
    print('');
    print(`Outcome: ${drill.outcome}; rack ${drill.healthy ? 'healthy' : 'NOT healthy'}.`);
    print(`RTO (recovery start to healthy): ${drill.rto === undefined ? 'not reached' : formatDuration(drill.rto)}`);
    for (const r of drill.restored) {
      const newest = r.newest ? 'the newest' : `not the newest: ${r.skipped.length} newer version(s) looked wrong`;
      print(`Restored ${r.component} version ${r.versionId} (${r.size === undefined ? '?' : formatBytes(r.size)}, ${newest}); RPO ${r.rpo === undefined ? '?' : formatDuration(r.rpo)}`);
    }
    for (const f of drill.remaining) print(`CRIT  ${f.summary}`);
    if (values.report) print(`Report written to ${values.report}`);
    return drill.outcome === 'aborted' || drill.outcome === 'cancelled' ? 1 : drill.healthy ? 0 : 2;
  } finally {
    reader?.close();
  }
}
