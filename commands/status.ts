import { systemClock } from '../src/clock';
import { summariseAreas } from '../src/present/area-summary';
import { statusJson } from '../src/present/status-json';
import { renderStatusReport } from '../src/present/status-report';
import { EXIT, verdictOf } from '../src/present/verdict';
import { openRack } from './open-rack';
import { parseFlags } from './flags';
import type { Io } from './io';
import { loadRackConfig, RACK_OPTIONS, RACK_OPTIONS_HELP } from './rack-options';

export const STATUS_HELP = `Usage: rackpilot status [--json] [--scenario NAME] [--scale N] [--seed N]
                        [--config FILE]

One look at the whole rack for scripts and cron: one line per area, then the
findings grouped by cause, the cause first.

  --json            print a stable JSON object instead (schema in README.md)
${RACK_OPTIONS_HELP}
  -h, --help        show this help

Exit codes: 0 healthy, 1 warnings, 2 critical, 3 no source could be read,
64 bad usage or config.
`;

export async function runStatus(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      ...RACK_OPTIONS,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'status',
  );
  if (values.help) {
    io.stdout(STATUS_HELP);
    return 0;
  }
  const loaded = await loadRackConfig(values, io);
  const rack = await openRack(loaded.config, systemClock);
  rack.store.start();
  await rack.store.whenSettled();
  const snapshot = rack.store.getSnapshot();
  await rack.store.stop();

  const findings = snapshot.findings;
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
