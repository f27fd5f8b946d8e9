import { visibleText } from '../src/text/visible-text';
import { describeError, RackpilotError, UsageError } from '../src/errors';
import { EXIT } from '../src/present/verdict';
import type { Io } from './io';

declare const __RACKPILOT_VERSION__: string | undefined;
export const VERSION = typeof __RACKPILOT_VERSION__ === 'string' ? __RACKPILOT_VERSION__ : '0.0.0-dev';

export const MAIN_HELP = `Usage: rackpilot [COMMAND] [FLAGS]

The operator's console for a metal-stack + Gardener rack. Without a config file
it runs an embedded simulated mini-rack.

Commands:
  tui         the full-screen console (the default when no command is given)
  status      one-shot health check for scripts and cron (exit code = verdict)
  recover     guided disaster recovery: fence, power on, restore, verify
  bootstrap   MEP-18 bring-up in order, each step verified
  drill       recovery drill on a simulated rack, with RTO/RPO report
  doctor      check every configured source: switches (SSH, host keys, vtysh,
              lldpctl), Kubernetes contexts, metal-api, backup stores
  help [CMD]  show help for a command

Flags:
  -h, --help     show this help
  -V, --version  print the version

Run \`rackpilot COMMAND --help\` for a command's flags. README.md has the full
reference.
`;

interface Command {
  readonly run: (argv: readonly string[], io: Io) => Promise<number>;
  readonly help: string;
}

/**
 * Each command is imported when it runs (a chunk of its own in the bundle), so `--version` loads none of them and
 * `status` no React, Ink or wizard code.
 */
const tui = (): Promise<Command> => import('./tui').then((m) => ({ run: m.runTui, help: m.TUI_HELP }));
const COMMANDS: Record<string, () => Promise<Command>> = {
  tui,
  status: () => import('./status').then((m) => ({ run: m.runStatus, help: m.STATUS_HELP })),
  recover: () => import('./recover').then((m) => ({ run: m.runRecover, help: m.RECOVER_HELP })),
  bootstrap: () => import('./bootstrap').then((m) => ({ run: m.runBootstrap, help: m.BOOTSTRAP_HELP })),
  drill: () => import('./drill').then((m) => ({ run: m.runDrillCommand, help: m.DRILL_HELP })),
  doctor: () => import('./doctor').then((m) => ({ run: m.runDoctor, help: m.DOCTOR_HELP })),
};

/** Dispatches to a subcommand and turns every error into one message and an exit code; never a stack trace. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // Expected conditions (bad usage, a locked rack, an unwritable state directory, a broken journal) carry their
    // documented exit code and a hint; anything else is a bug.
    // A message may quote a file, a switch or an API: one visible line each, whatever they said.
    if (error instanceof RackpilotError && error.exitCode !== undefined) {
      io.stderr(`rackpilot: ${visibleText(error.message)}\n`);
      if (error.hint) io.stderr(`hint: ${visibleText(error.hint)}\n`);
      return error.exitCode;
    }
    io.stderr(`rackpilot: internal error: ${visibleText(describeError(error))}\n`);
    if (io.env.RACKPILOT_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-V' || first === '--version') {
    io.stdout(`rackpilot ${VERSION}\n`);
    return 0;
  }
  if (first === '-h' || first === '--help') {
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(MAIN_HELP);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    // A typo must not look like help that was given: a script checking `help X` learns that X does not exist.
    if (!command) throw new UsageError(`help: unknown command "${topic}"`, { hint: `commands: ${Object.keys(COMMANDS).join(', ')}` });
    io.stdout((await command()).help);
    return 0;
  }
  // A bare `rackpilot` (or one with only flags) opens the TUI.
  if (first === undefined || first.startsWith('-')) return (await tui()).run(argv, io);
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    throw new UsageError(`unknown command "${first}"`, { hint: `commands: ${Object.keys(COMMANDS).join(', ')}` });
  }
  return (await command()).run(rest, io);
}
