import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { evaluate } from '../src/health';
import { summariseAreas } from '../src/present/area-summary';
import { statusJson } from '../src/present/status-json';
import { renderStatusReport } from '../src/present/status-report';
import { EXIT, verdictOf } from '../src/present/verdict';
import { openRack } from '../src/sources/open-rack';
import { parseFlags, positiveInt } from './flags';
import type { Io } from './io';

export const STATUS_HELP = `Usage: rackpilot status [--json] [--scenario NAME] [--scale N] [--seed N] [--config FILE]

One look at the whole rack for scripts and cron: one line per area, then the worst findings.

  --json            print a stable JSON object instead (schema in README.md)
  --scenario NAME   simulated rack only: start with a failure injected
  --scale N         simulated rack only: N machines instead of the mini-rack
  --seed N          simulated rack only: random seed
  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  -h, --help        show this help

Exit codes: 0 healthy, 1 warnings, 2 critical, 3 no source could be read, 64 bad usage or config.
`;

export async function runStatus(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      json: { type: 'boolean' },
      scenario: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'status',
  );
  if (values.help) {
    io.stdout(STATUS_HELP);
    return 0;
  }
  const loaded = await loadConfig({
    flags: {
      config: values.config,
      scenario: values.scenario,
      scale: positiveInt('scale', values.scale),
      seed: positiveInt('seed', values.seed),
    },
    env: io.env,
  });
  const rack = openRack(loaded.config, systemClock);
  rack.store.start();
  await rack.store.whenSettled();
  const snapshot = rack.store.getSnapshot();
  await rack.store.stop();

  const findings = evaluate(snapshot, loaded.config.health);
  const areas = summariseAreas(snapshot, findings);
  const verdict = verdictOf(snapshot, findings);
  const exitCode = EXIT[verdict];
  if (values.json) {
    const json = statusJson({ snapshot, areas, findings, notices: loaded.notices, verdict, exitCode });
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(renderStatusReport({ snapshot, areas, findings, notices: loaded.notices, verdict }));
  }
  return exitCode;
}
