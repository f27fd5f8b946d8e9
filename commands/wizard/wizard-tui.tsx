import { render } from 'ink';
import { type RunOptions, type RunResult, runRunbook } from '../../src/wizards/engine/runner';
import { WizardSession } from '../../src/wizards/operator/session';
import type { Config } from '../../src/config';
import type { ScreenRun } from './run-line';
import { makeTheme, resolveAscii, resolveColor } from '../../views/theme';
import { ThemeProvider } from '../../views/theme-context';
import { WizardScreen } from '../../views/wizard/WizardScreen';

export interface WizardTuiOptions {
  /** Everything the runner needs except the interaction, which is the wizard screen. */
  readonly run: Omit<RunOptions, 'interaction' | 'signal'>;
  readonly title: string;
  readonly simulated: boolean;
  readonly color: boolean;
  readonly ascii: boolean;
}

/**
 * Runs a runbook in the full-screen wizard view: the operator sees each step and its actions before they run
 * and answers on the keyboard. Resolves once the run has ended and the operator closed the view (or pressed
 * Ctrl-C, which aborts the run: an aborted run is not resumed; a crashed or killed one is).
 */
export async function runWizardTui(o: WizardTuiOptions): Promise<RunResult> {
  const session = new WizardSession(o.run.runbook, o.run.dryRun === true);
  const controller = new AbortController();
  const instance = render(
    <ThemeProvider theme={makeTheme({ color: o.color, ascii: o.ascii })}>
      <WizardScreen session={session} title={o.title} simulated={o.simulated} onClose={() => instance.unmount()} />
    </ThemeProvider>,
    { alternateScreen: true, interactive: true, incrementalRendering: true, maxFps: 30, exitOnCtrlC: true },
  );
  const onSignal = () => instance.unmount();
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  const run = runRunbook({
    ...o.run,
    interaction: session,
    signal: controller.signal,
    onEvent: (e) => {
      session.onEvent(e);
      o.run.onEvent?.(e);
    },
  });
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    // Closing the view before the run ended (Ctrl-C, a dropped session) aborts it; finished runs are unaffected.
    controller.abort(new Error('the wizard was closed'));
  }
  return run;
}

/** Colour and ASCII as the config and the terminal ask for them: shared by the TUI and the wizard screen. */
export function displayOptions(config: Config, env: NodeJS.ProcessEnv): { color: boolean; ascii: boolean } {
  const color = config.ui.color === 'auto' ? resolveColor({ env }) : config.ui.color === 'always';
  return { color, ascii: config.ui.ascii || resolveAscii({ env }) };
}

/**
 * The full-screen wizard when a person is at a terminal (stdin and stdout TTYs) and will answer it; line mode
 * for pipes and scripts, --auto and --dry-run (whose output is the point). Shared by recover, bootstrap, drill.
 */
export function wizardScreen(flags: { readonly auto?: boolean | undefined; readonly 'dry-run'?: boolean | undefined }, config: Config, env: NodeJS.ProcessEnv, title: string): ScreenRun | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY || flags.auto || flags['dry-run']) return undefined;
  const display = displayOptions(config, env);
  return (run) => runWizardTui({ run, title, simulated: config.mode === 'sim', ...display });
}
