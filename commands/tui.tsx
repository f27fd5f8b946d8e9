import { render } from 'ink';
import { systemClock } from '../src/clock';
import { describeError, EXIT_CODE, UsageError } from '../src/errors';
import { SCENARIOS } from '../src/sim/scenarios';
import { SIM_RESETS, type SimReset } from '../src/sources/sim-source-contract';
import { openRack } from './open-rack';
import { liveWizards } from './wizard/tui-wizards';
import { App } from '../views/App';
import { makeTheme } from '../views/theme';
import { ThemeProvider } from '../views/theme-context';
import { parseFlags } from './flags';
import type { Io } from './io';
import { displayOptions } from './wizard/display';
import { interruptText, type RunSignal } from './wizard/run-signals';
import { compactOutput } from './tui-output';
import { TUI_RENDER_OPTIONS } from './tui-render-options';
import { growYoungGeneration } from './young-generation';
import { saveCompileCache } from './compile-cache';
import { loadRackConfig, RACK_OPTIONS, RACK_OPTIONS_HELP } from './rack-options';

export const TUI_HELP = `Usage: rackpilot [tui] [--scenario NAME] [--scale N] [--seed N] [--config FILE]
                     [--read-only] [--no-color] [--ascii]

The full-screen console: overview, topology, BGP, machines, shoots, backups and
control planes.

${RACK_OPTIONS_HELP}
  --read-only       hide every action that changes anything
  --no-color        no colour (also NO_COLOR=1); states stay readable as text
  --ascii           plain ASCII instead of box-drawing characters
  -h, --help        show this help

Keys: Tab/Shift-Tab or 1-7 switch panes, Up/Down j/k PgUp/PgDn Home/End move,
Enter opens (on an overview finding it jumps to the subject, as Right and l do),
Esc goes back, / filters, ? shows every key, r refreshes, q quits, A ends the
incident (acknowledged: no badge, backups no longer judged against it).
On the simulated rack: ! injects a failure (or heals or cold-boots the rack),
w opens a wizard (recover, bootstrap plan, drills; a drill shows DRILL in the
header). Ctrl-C quits (exit 130); a running wizard is aborted first and its
summary printed.
`;

/** Opens the TUI on the alternate screen and resolves with the exit code once it closes. */
export async function runTui(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      ...RACK_OPTIONS,
      'read-only': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      ascii: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'tui',
  );
  if (values.help) {
    io.stdout(TUI_HELP);
    return 0;
  }
  const loaded = await loadRackConfig(values, io, {
    extra: {
      ...(values['read-only'] ? { readOnly: true } : {}),
      ...(values.ascii ? { ascii: true } : {}),
      ...(values['no-color'] ? { color: 'never' as const } : {}),
    },
  });
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new UsageError('the TUI needs a terminal on stdin and stdout', {
      hint: 'for scripts and pipes use `rackpilot status` (or `status --json`)',
    });
  }
  const { config } = loaded;
  const { color, ascii } = displayOptions(config, io.env);
  const rack = await openRack(config, systemClock);
  const wizards = liveWizards({ store: rack.store, config, env: io.env, ...(rack.sim ? { sim: rack.sim } : {}) });

  // Ctrl-C, SIGTERM and SIGHUP (a dropped SSH session) end the TUI; a running wizard is aborted first, so no
  // prompt is left waiting and no lock held, and its summary is printed once the terminal is restored.
  let signalCode = 0;
  let summary: readonly string[] | undefined;
  let stopping = false;
  // A signal, or a crash (undefined) that still aborts the wizard and restores the terminal.
  const stop = (sig: RunSignal | undefined, error?: Error) => {
    if (stopping) return;
    stopping = true;
    signalCode = sig ? EXIT_CODE[sig] : EXIT_CODE.internal;
    void wizards
      .abort(sig ? interruptText(sig) : `internal error: ${describeError(error)}`)
      .then((lines) => {
        summary = lines;
      })
      .finally(() => instance.unmount(error));
  };
  const instance = render(
    <ThemeProvider theme={makeTheme({ color, ascii })}>
      <App
        store={rack.store}
        readOnly={config.ui.readOnly}
        scenarios={rack.sim ? [...SCENARIOS, ...SIM_RESETS] : []}
        inject={rack.sim ? (name) => rack.sim?.inject(name as (typeof SCENARIOS)[number]['name'] | SimReset) : undefined}
        wizards={wizards}
        onInterrupt={() => stop('SIGINT')}
        // On the simulated rack the SIMULATED badge already says what the "no config file" notice would.
        notes={config.mode === 'real' ? loaded.notices : []}
      />
    </ThemeProvider>,
    { stdout: compactOutput(process.stdout), ...TUI_RENDER_OPTIONS },
  );

  // Poll only after the first frame is on screen: building a large simulated rack takes most of a second, and its
  // garbage is what the young generation is sized for.
  setImmediate(() => {
    saveCompileCache();
    growYoungGeneration();
    rack.store.start();
    // Again once the first polls are in: their code (the simulation's, a real rack's clients) loads with them.
    void rack.store.whenSettled().then(saveCompileCache);
  });

  // Unmounting restores the terminal as it was.
  const onSignal = (signal: NodeJS.Signals) => stop(signal === 'SIGHUP' ? 'SIGHUP' : 'SIGTERM');
  const onCrash = (error: unknown) => stop(undefined, error instanceof Error ? error : new Error(String(error)));
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await rack.store.stop();
  }
  for (const line of summary ?? []) io.stdout(`${line}\n`);
  return signalCode;
}
