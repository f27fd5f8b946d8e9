/**
 * Key bindings as records, so the footer, the help overlay and the input matcher come from one list and
 * cannot drift apart. Read-only mode and real (not simulated) racks simply filter records out.
 */
import { textWidth, truncate } from './table-layout';
import { PANES } from './ui-state';

/**
 * Where a binding applies. `list` and `detail` also get the `global` bindings; `filter` and `menu` do not,
 * because there typed letters are text or the modal owns the keyboard.
 */
export type BindingScope = 'global' | 'list' | 'detail' | 'filter' | 'menu' | WizardScope;

/**
 * The wizard's prompts own the keyboard while they are open, one scope each, so its footer shows exactly the keys
 * the prompt takes (and Esc at a version list never silently cancels a run).
 */
export type WizardScope =
  | 'wizard-step'
  | 'wizard-typed-step'
  | 'wizard-version'
  | 'wizard-typed'
  | 'wizard-failure'
  | 'wizard-by-hand'
  | 'wizard-resume'
  | 'wizard-running'
  | 'wizard-end';

export type BindingId =
  | 'pane-next'
  | 'pane-prev'
  | 'pane'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'home'
  | 'end'
  | 'open'
  | 'jump'
  | 'accept'
  | 'back'
  | 'filter'
  | 'help'
  | 'refresh'
  | 'quit'
  | 'inject'
  | 'wizard'
  | 'acknowledge'
  | 'run'
  | 'skip'
  | 'abort'
  | 'retry'
  | 'confirm'
  | 'resume'
  | 'fresh'
  | 'close'
  | 'interrupt';

export interface KeyBinding {
  /** Unique within a scope; the same id in two scopes is the same action read in that context. */
  readonly id: BindingId;
  /** Display form, first one shown in the footer. */
  readonly keys: readonly string[];
  /** One word or two for the footer. */
  readonly label: string;
  /** Short sentence for the help overlay. */
  readonly description: string;
  readonly scope: BindingScope;
  readonly footer: boolean;
  /** Changes the rack (or the simulation): hidden in read-only mode. */
  readonly dangerous?: boolean;
  /** Only meaningful against the simulated rack. */
  readonly simOnly?: boolean;
  /** What the key says when pressed on a real rack, where it is hidden (a word instead of silence). */
  readonly realRackNote?: string;
  /**
   * Offered only where Enter jumps (true) or only where it does not (false): see BindingContext.jumps. The footer
   * says "Enter jump" exactly where Enter jumps, and "Enter open" elsewhere.
   */
  readonly jumps?: boolean;
}

export const SCOPE_TITLES: Record<BindingScope, string> = {
  global: 'Anywhere',
  list: 'List',
  detail: 'Detail',
  filter: 'Filter',
  menu: 'Menu',
  'wizard-step': 'Wizard: a step is shown',
  'wizard-typed-step': 'Wizard: a destructive step to confirm by typing',
  'wizard-version': 'Wizard: choosing a version',
  'wizard-typed': 'Wizard: typing the confirmation',
  'wizard-failure': 'Wizard: something failed',
  'wizard-by-hand': 'Wizard: a check to confirm by hand',
  'wizard-resume': 'Wizard: an unfinished run',
  'wizard-running': 'Wizard: running',
  'wizard-end': 'Wizard: the summary',
};

const SCOPE_LAYERS: Record<BindingScope, readonly BindingScope[]> = {
  global: ['global'],
  list: ['list', 'global'],
  detail: ['detail', 'global'],
  filter: ['filter'],
  menu: ['menu'],
  'wizard-step': ['wizard-step', 'wizard-running'],
  'wizard-typed-step': ['wizard-typed-step', 'wizard-running'],
  'wizard-version': ['wizard-version', 'wizard-running'],
  'wizard-typed': ['wizard-typed', 'wizard-running'],
  'wizard-failure': ['wizard-failure', 'wizard-running'],
  'wizard-by-hand': ['wizard-by-hand', 'wizard-running'],
  'wizard-resume': ['wizard-resume', 'wizard-running'],
  'wizard-running': ['wizard-running'],
  'wizard-end': ['wizard-end'],
};

function nav(scope: 'list' | 'detail', noun: string, first: string, last: string): KeyBinding[] {
  const footer = true;
  const label = scope === 'list' ? 'move' : 'scroll';
  return [
    { id: 'up', keys: ['↑', 'k'], label, description: `${noun} up`, scope, footer },
    { id: 'down', keys: ['↓', 'j'], label, description: `${noun} down`, scope, footer },
    { id: 'page-up', keys: ['PgUp'], label: 'page', description: 'one page up', scope, footer: false },
    { id: 'page-down', keys: ['PgDn'], label: 'page', description: 'one page down', scope, footer: false },
    { id: 'home', keys: ['Home', 'g'], label: 'first', description: first, scope, footer: false },
    { id: 'end', keys: ['End', 'G'], label: 'last', description: last, scope, footer: false },
  ];
}

/** Declaration order is footer order: pane switching first, the scope's keys, then help and quit. */
const APP_BINDINGS: readonly KeyBinding[] = [
  { id: 'pane-next', keys: ['Tab'], label: 'pane', description: 'next pane', scope: 'global', footer: true },
  { id: 'pane-prev', keys: ['Shift-Tab'], label: 'pane', description: 'previous pane', scope: 'global', footer: false },
  { id: 'pane', keys: [`1-${PANES.length}`], label: 'pane', description: `go to pane 1-${PANES.length}`, scope: 'global', footer: false },
  ...nav('list', 'move selection', 'first row', 'last row'),
  // Where the selected row has a subject in a pane (a finding of the overview), Enter jumps there, and so do → and l.
  { id: 'jump', keys: ['Enter', '→', 'l'], label: 'jump', description: "on a finding of the overview: jump to its subject in its pane", scope: 'list', footer: true, jumps: true },
  { id: 'open', keys: ['Enter'], label: 'open', description: "open the row's detail", scope: 'list', footer: true, jumps: false },
  { id: 'filter', keys: ['/'], label: 'filter', description: 'filter rows', scope: 'list', footer: true },
  { id: 'back', keys: ['Esc'], label: 'clear', description: 'clear the filter', scope: 'list', footer: false },
  ...nav('detail', 'scroll', 'top', 'bottom'),
  { id: 'back', keys: ['Esc'], label: 'back', description: 'back to the list', scope: 'detail', footer: true },
  { id: 'accept', keys: ['Enter'], label: 'keep', description: 'keep filter, back to list', scope: 'filter', footer: true },
  { id: 'back', keys: ['Esc'], label: 'clear', description: 'clear and close the filter', scope: 'filter', footer: true },
  { id: 'up', keys: ['↑', 'k'], label: 'move', description: 'previous entry', scope: 'menu', footer: true },
  { id: 'down', keys: ['↓', 'j'], label: 'move', description: 'next entry', scope: 'menu', footer: true },
  { id: 'accept', keys: ['Enter'], label: 'run', description: 'run the selected entry', scope: 'menu', footer: true },
  { id: 'back', keys: ['Esc'], label: 'close', description: 'close the menu', scope: 'menu', footer: true },
  { id: 'help', keys: ['?'], label: 'help', description: 'show or hide this help', scope: 'global', footer: true },
  { id: 'refresh', keys: ['r'], label: 'refresh', description: 'refresh now', scope: 'global', footer: false },
  {
    id: 'acknowledge',
    keys: ['A'],
    label: 'end incident',
    description: 'acknowledge the incident: it is over, its header badge goes and backups are no longer judged against it, here and in status (a successful recovery does this itself)',
    scope: 'global',
    footer: false,
    dangerous: true,
  },
  { id: 'quit', keys: ['q'], label: 'quit', description: 'quit', scope: 'global', footer: true },
  {
    id: 'wizard',
    keys: ['w'],
    label: 'wizard',
    description: 'open a wizard: recover, bootstrap plan, drill',
    scope: 'global',
    footer: true,
    dangerous: true,
    // The TUI's wizards run on the simulated rack; on a real rack recover, bootstrap and drill --real run from the command line.
    simOnly: true,
    realRackNote: 'real rack: run rackpilot recover, bootstrap or drill --real in a shell',
  },
  {
    id: 'inject',
    keys: ['!'],
    label: 'inject',
    description: 'inject a failure scenario',
    scope: 'global',
    footer: true,
    dangerous: true,
    simOnly: true,
    realRackNote: 'failures are injected into the simulated rack only',
  },
];

/** The wizard's keys: the prompts' own first (footer order), then scrolling and Ctrl-C, which every prompt takes. */
const W = (scope: WizardScope, id: BindingId, keys: readonly string[], label: string, description: string, footer = true): KeyBinding => ({ id, keys, label, description, scope, footer });
const WIZARD_BINDINGS: readonly KeyBinding[] = [
  W('wizard-step', 'run', ['Enter'], 'run', 'run this step (its actions are listed above)'),
  W('wizard-step', 'skip', ['s'], 'skip', 'skip this step'),
  W('wizard-step', 'abort', ['a'], 'abort', 'abort the run: nothing more is done'),
  W('wizard-typed-step', 'accept', ['Enter'], 'confirm', 'confirm what you typed (a wrong text cancels the run: nothing is done)'),
  W('wizard-typed-step', 'back', ['Esc'], 'cancel', 'cancel: nothing is done, the run ends'),
  W('wizard-version', 'up', ['↑', 'k'], 'choose', 'previous version'),
  W('wizard-version', 'down', ['↓', 'j'], 'choose', 'next version'),
  W('wizard-version', 'accept', ['Enter'], 'take it', 'take this version (you confirm it by typing next)'),
  W('wizard-version', 'abort', ['a'], 'cancel', 'cancel: restore nothing, end the run'),
  W('wizard-typed', 'accept', ['Enter'], 'confirm', 'confirm what you typed (a wrong text cancels the run)'),
  W('wizard-typed', 'back', ['Esc'], 'back', 'back to the version list'),
  W('wizard-failure', 'retry', ['r'], 'retry', 'retry the step'),
  W('wizard-failure', 'skip', ['s'], 'skip', 'skip this step'),
  W('wizard-failure', 'abort', ['a'], 'abort', 'abort the run'),
  W('wizard-by-hand', 'confirm', ['y'], 'confirmed', 'you checked it by hand and it holds: go on'),
  W('wizard-by-hand', 'abort', ['a'], 'abort', 'abort the run'),
  W('wizard-resume', 'resume', ['r'], 'resume', 'resume the unfinished run where it stopped'),
  W('wizard-resume', 'fresh', ['f'], 'start over', 'set it aside and start a new run'),
  W('wizard-resume', 'quit', ['q'], 'quit', 'quit: change nothing'),
  W('wizard-running', 'page-up', ['PgUp'], 'scroll', 'scroll the explanation and log up'),
  W('wizard-running', 'page-down', ['PgDn'], 'scroll', 'scroll the explanation and log down'),
  W('wizard-running', 'interrupt', ['Ctrl-C'], 'abort run', 'abort the run at once; a summary says what is still changed'),
  W('wizard-end', 'up', ['↑', 'k'], 'scroll', 'scroll the summary up', false),
  W('wizard-end', 'down', ['↓', 'j'], 'scroll', 'scroll the summary down', false),
  W('wizard-end', 'page-up', ['PgUp'], 'scroll', 'one page up', false),
  W('wizard-end', 'page-down', ['PgDn'], 'scroll', 'one page down', false),
  W('wizard-end', 'close', ['Enter', 'Esc', 'q'], 'close', 'close the wizard'),
];

export const KEY_BINDINGS: readonly KeyBinding[] = [...APP_BINDINGS, ...WIZARD_BINDINGS];

export interface BindingContext {
  /** Hides dangerous bindings. */
  readonly readOnly: boolean;
  /** Shows simulation-only bindings. */
  readonly simulated: boolean;
  /** Enter jumps here: the overview's selected finding has a subject in a pane (present/jump.ts). @default false */
  readonly jumps?: boolean;
}

function allowed(b: KeyBinding, ctx: BindingContext, anyJump = false): boolean {
  const jumpFits = anyJump || b.jumps === undefined || b.jumps === (ctx.jumps ?? false);
  return !(ctx.readOnly && b.dangerous) && !(b.simOnly && !ctx.simulated) && jumpFits;
}

/** Bindings active in `scope` (its own plus inherited layers), in footer order. */
export function visibleBindings(scope: BindingScope, ctx: BindingContext): KeyBinding[] {
  const layers = SCOPE_LAYERS[scope];
  return KEY_BINDINGS.filter((b) => layers.includes(b.scope) && allowed(b, ctx));
}

/** Every allowed binding grouped by the scope it is declared in, for the help overlay. */
export function helpSections(ctx: BindingContext): { scope: BindingScope; title: string; bindings: KeyBinding[] }[] {
  // The wizard's keys are its footer's: the overlay covers the panes.
  const scopes: BindingScope[] = ['global', 'list', 'detail', 'filter', 'menu'];
  return scopes
    .map((scope) => ({
      scope,
      title: SCOPE_TITLES[scope],
      // Both of Enter's meanings, each saying where it applies.
      bindings: KEY_BINDINGS.filter((b) => b.scope === scope && allowed(b, ctx, true)),
    }))
    .filter((s) => s.bindings.length > 0);
}

const ASCII_KEYS: Record<string, string> = { '↑': 'Up', '↓': 'Dn', '←': 'Left', '→': 'Right' };

export function keyText(key: string, ascii: boolean): string {
  return ascii ? (ASCII_KEYS[key] ?? key) : key;
}

/** All keys of a binding for the help overlay, e.g. "↑ k" or "Up k". */
export function keysText(b: KeyBinding, ascii: boolean): string {
  return b.keys.map((k) => keyText(k, ascii)).join(' ');
}

export interface FooterEntry {
  readonly keys: string;
  readonly label: string;
}

const ENTRY_GAP = '  ';

/**
 * Footer hints for `bindings` (those marked `footer`), dropping whole hints from the end until they fit in
 * `width`. Consecutive bindings with the same label merge ("↑↓ move", "Up/Dn move" in ASCII). "? help" is kept
 * whenever anything was dropped, because help lists what the footer could not.
 */
export function footerEntries(bindings: readonly KeyBinding[], width: number, opts: { ascii?: boolean } = {}): FooterEntry[] {
  const ascii = opts.ascii ?? false;
  const merged: { keys: string[]; label: string; id: BindingId }[] = [];
  for (const b of bindings) {
    if (!b.footer) continue;
    const key = keyText(b.keys[0] ?? '', ascii);
    const last = merged.at(-1);
    if (last && last.label === b.label) last.keys.push(key);
    else merged.push({ keys: [key], label: b.label, id: b.id });
  }
  const all = merged.map((m) => ({
    // Single glyphs read as one token ("↑↓"); words need a separator ("Up/Dn").
    keys: m.keys.every((k) => textWidth(k) === 1) ? m.keys.join('') : m.keys.join('/'),
    label: m.label,
    id: m.id,
  }));
  const fits = (entries: readonly FooterEntry[]) => textWidth(joinEntries(entries)) <= width;
  const kept: (FooterEntry & { id: BindingId })[] = [];
  for (const e of all) {
    if (!fits([...kept, e])) break;
    kept.push(e);
  }
  const help = all.find((e) => e.id === 'help');
  if (help && kept.length < all.length && !kept.includes(help)) {
    while (kept.length > 0 && !fits([...kept, help])) kept.pop();
    if (fits([...kept, help])) kept.push(help);
  }
  return kept.map(({ keys, label }) => ({ keys, label }));
}

function joinEntries(entries: readonly FooterEntry[]): string {
  return entries.map((e) => `${e.keys} ${e.label}`).join(ENTRY_GAP);
}

/** The footer line, e.g. "Tab pane  ↑↓ move  Enter open  / filter  ? help  q quit", never wider than `width`. */
export function footerText(bindings: readonly KeyBinding[], width: number, opts: { ascii?: boolean } = {}): string {
  return truncate(joinEntries(footerEntries(bindings, width, opts)), width, opts.ascii ? '~' : '…');
}
