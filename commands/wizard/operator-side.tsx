import { render } from 'ink';
import { untilAborted } from '../../src/abortable';
import type { Clock } from '../../src/clock';
import type { ResumeDecision, UnfinishedRun } from '../../src/wizards/engine/durable';
import type { Interaction, Print, RunEvent, Runbook } from '../../src/wizards/engine/types';
import { createAutoInteraction } from '../../src/wizards/operator/auto-interaction';
import { askResume, createLineInteraction, resumeLines } from '../../src/wizards/operator/line-interaction';
import { createLinePrinter } from '../../src/wizards/operator/line-printer';
import { WizardSession } from '../../src/wizards/operator/session';
import { makeTheme } from '../../views/theme';
import { ThemeProvider } from '../../views/theme-context';
import { WizardScreen } from '../../views/wizard/WizardScreen';
import type { Io } from '../io';
import { interruptText, RUN_SIGNALS, type RunSignal } from './exit-codes';
import { createLineReader } from './line-input';

/**
 * Who answers a wizard run: a person on the full screen, a person on the line (pipes and scripts), or --auto.
 * `dryRun` answers like --auto and says so. Every mode takes Ctrl-C, SIGTERM and SIGHUP the same way: the run is
 * aborted at once (a prompt nobody will answer is given up), and the summary says what is still changed.
 */
export type SideMode = 'screen' | 'line' | 'auto' | 'dry-run';

export interface OperatorSide {
  readonly interaction: Interaction;
  /** Notes for the operator (on the screen they stay above the steps). */
  readonly print: Print;
  readonly onEvent: (e: RunEvent) => void;
  readonly offerResume: (run: UnfinishedRun) => Promise<ResumeDecision>;
  /** Aborted by Ctrl-C, SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
  /** The signal that aborted the run, if one did. */
  interruptedBy(): RunSignal | undefined;
  /** The run's clock, once the run has one (--auto waits between retries on it). */
  setClock(clock: Clock): void;
  /** The runbook is known: the printer or the screen shows its steps. */
  started(runbook: Runbook): void;
  /** Shows the end-of-run summary: on the screen until closed (at once when interrupted), then on stdout as well. */
  finish(summary: readonly string[]): Promise<void>;
}

export interface SideOptions {
  readonly mode: SideMode;
  readonly title: string;
  readonly simulated: boolean;
  readonly color: boolean;
  readonly ascii: boolean;
  /** A note that goes with the resume question, e.g. a --scenario that differs from the unfinished run's. */
  readonly resumeNote?: (run: UnfinishedRun) => string | undefined;
}

export async function withOperatorSide<T>(io: Io, o: SideOptions, fn: (side: OperatorSide) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let interrupted: ReturnType<OperatorSide['interruptedBy']>;
  const interrupt = (sig: RunSignal) => {
    interrupted ??= sig;
    controller.abort(new Error(interruptText(sig)));
  };
  const handlers = RUN_SIGNALS.map((sig) => [sig, () => interrupt(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  const stdout: Print = (line) => io.stdout(`${line}\n`);
  let clock: Clock | undefined;
  const runClock: Clock = { now: () => (clock ?? Date).now(), setTimer: (f, ms) => (clock ? clock.setTimer(f, ms) : noTimer(f, ms)) };
  const setClock = (c: Clock) => {
    clock = c;
  };
  const base = { signal: controller.signal, interruptedBy: () => interrupted, setClock };
  try {
    if (o.mode === 'screen') return await onScreen(o, base, interrupt, fn, stdout);
    const reader = o.mode === 'line' ? createLineReader(process.stdin, io.stdout) : undefined;
    try {
      let printer: ((e: RunEvent) => void) | undefined;
      const interaction = reader ? createLineInteraction(reader.ask, stdout) : createAutoInteraction({ clock: runClock, print: stdout });
      const side: OperatorSide = {
        ...base,
        interaction: o.mode === 'dry-run' ? dryRunAnswers(interaction, stdout) : interaction,
        print: stdout,
        onEvent: (e) => printer?.(e),
        offerResume: (run) => {
          const note = o.resumeNote?.(run);
          if (note) stdout(note);
          if (reader) return untilAborted(askResume(run, reader.ask, stdout), controller.signal);
          for (const l of resumeLines(run)) stdout(l);
          stdout('--auto: resuming it.');
          return Promise.resolve('resume');
        },
        started: (runbook) => {
          stdout(`${runbook.title}${o.mode === 'dry-run' ? ' (dry run: nothing is changed)' : ''}`);
          stdout(runbook.description);
          printer = createLinePrinter(runbook, stdout, o.mode === 'dry-run');
        },
        finish: async (summary) => {
          stdout('');
          for (const l of summary) stdout(l);
        },
      };
      return await fn(side);
    } finally {
      reader?.close();
    }
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
  }
}

/** The full-screen wizard: the session is the interaction; the screen closes on the summary or at an interrupt. */
async function onScreen<T>(
  o: SideOptions,
  base: Pick<OperatorSide, 'signal' | 'interruptedBy' | 'setClock'>,
  interrupt: (sig: 'SIGINT') => void,
  fn: (side: OperatorSide) => Promise<T>,
  stdout: Print,
): Promise<T> {
  const session = new WizardSession({ id: 'wizard', title: o.title, description: '', steps: [] });
  let closed!: () => void;
  const closing = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const instance = render(
    <ThemeProvider theme={makeTheme({ color: o.color, ascii: o.ascii })}>
      <WizardScreen session={session} title={o.title} simulated={o.simulated} onClose={() => closed()} onInterrupt={() => interrupt('SIGINT')} />
    </ThemeProvider>,
    // Ctrl-C is the wizard's own key (it aborts the run and shows what is left changed), not Ink's exit.
    { alternateScreen: true, interactive: true, incrementalRendering: true, maxFps: 30, exitOnCtrlC: false },
  );
  base.signal.addEventListener('abort', () => session.dropPrompt(), { once: true });
  let summary: readonly string[] = [];
  try {
    return await fn({
      ...base,
      interaction: session,
      print: (line) => session.note(line),
      onEvent: session.onEvent,
      offerResume: (run) => {
        const note = o.resumeNote?.(run);
        if (note) session.note(note);
        return untilAborted(session.offerResume(run), base.signal);
      },
      started: (runbook) => session.reset(runbook),
      finish: async (lines) => {
        summary = lines;
        session.showSummary(lines);
        // Nobody may be there after a signal (a dropped SSH session): close at once, the summary goes to stdout.
        if (!base.signal.aborted) await Promise.race([closing, new Promise((r) => base.signal.addEventListener('abort', r, { once: true }))]);
      },
    });
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    for (const l of summary) stdout(l);
  }
}

/** A dry run still asks its questions (to show the plan); it answers with the proposals, and says so. */
function dryRunAnswers(auto: Interaction, print: Print): Interaction {
  return {
    ...auto,
    async chooseVersion(step, offer, ctx) {
      const a = await auto.chooseVersion(step, offer, ctx);
      print(`   (dry run) ${offer.component.id}: would propose ${a?.versionId ?? 'nothing (no version looks good)'}`);
      return a;
    },
  };
}

function noTimer(fn: () => void, ms: number): () => void {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
}
