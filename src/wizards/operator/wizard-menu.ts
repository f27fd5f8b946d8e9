import type { WizardSession } from './session';

/** One entry of the TUI's `w` menu. */
export interface WizardMenuEntry {
  readonly name: string;
  readonly description: string;
  /** A drill, of this scenario: it runs on a private simulated rack, and the header says DRILL while it is open. */
  readonly drill?: string;
}

/**
 * What the TUI needs of its wizards: the `w` menu, starting one (its session is what the wizard view shows and
 * answers), and aborting the running one when the TUI is interrupted (Ctrl-C, SIGTERM, SIGHUP), which resolves
 * with the run's summary once it has ended.
 */
export interface WizardMenu {
  readonly entries: readonly WizardMenuEntry[];
  start(name: string): WizardSession | undefined;
  abort(reason: string): Promise<readonly string[] | undefined>;
}
