/**
 * Key bindings as records, so the footer, the help overlay and the input matcher come from one list and
 * cannot drift apart. Read-only mode and real (not simulated) racks simply filter records out.
 */
import { textWidth, truncate } from './table-layout';

/**
 * Where a binding applies. `list` and `detail` also get the `global` bindings; `filter` and `menu` do not,
 * because there typed letters are text or the modal owns the keyboard.
 */
export type BindingScope = 'global' | 'list' | 'detail' | 'filter' | 'menu';

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
  | 'accept'
  | 'back'
  | 'filter'
  | 'help'
  | 'refresh'
  | 'quit'
  | 'inject'
  | 'wizard';

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
}

export const SCOPE_TITLES: Record<BindingScope, string> = {
  global: 'Anywhere',
  list: 'List',
  detail: 'Detail',
  filter: 'Filter',
  menu: 'Menu',
};

const SCOPE_LAYERS: Record<BindingScope, readonly BindingScope[]> = {
  global: ['global'],
  list: ['list', 'global'],
  detail: ['detail', 'global'],
  filter: ['filter'],
  menu: ['menu'],
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
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { id: 'pane-next', keys: ['Tab'], label: 'pane', description: 'next pane', scope: 'global', footer: true },
  { id: 'pane-prev', keys: ['Shift-Tab'], label: 'pane', description: 'previous pane', scope: 'global', footer: false },
  { id: 'pane', keys: ['1-6'], label: 'pane', description: 'go to pane 1-6', scope: 'global', footer: false },
  ...nav('list', 'move selection', 'first row', 'last row'),
  { id: 'open', keys: ['Enter'], label: 'open', description: "open the row's detail", scope: 'list', footer: true },
  { id: 'filter', keys: ['/'], label: 'filter', description: 'filter rows', scope: 'list', footer: true },
  { id: 'back', keys: ['Esc'], label: 'clear', description: 'clear the filter', scope: 'list', footer: false },
  ...nav('detail', 'scroll', 'top', 'bottom'),
  { id: 'open', keys: ['Enter'], label: 'jump', description: 'jump to the linked item', scope: 'detail', footer: true },
  { id: 'back', keys: ['Esc'], label: 'back', description: 'back to the list', scope: 'detail', footer: true },
  { id: 'accept', keys: ['Enter'], label: 'keep', description: 'keep filter, back to list', scope: 'filter', footer: true },
  { id: 'back', keys: ['Esc'], label: 'clear', description: 'clear and close the filter', scope: 'filter', footer: true },
  { id: 'up', keys: ['↑', 'k'], label: 'move', description: 'previous entry', scope: 'menu', footer: true },
  { id: 'down', keys: ['↓', 'j'], label: 'move', description: 'next entry', scope: 'menu', footer: true },
  { id: 'accept', keys: ['Enter'], label: 'run', description: 'run the selected entry', scope: 'menu', footer: true },
  { id: 'back', keys: ['Esc'], label: 'close', description: 'close the menu', scope: 'menu', footer: true },
  { id: 'help', keys: ['?'], label: 'help', description: 'show or hide this help', scope: 'global', footer: true },
  { id: 'refresh', keys: ['r'], label: 'refresh', description: 'refresh now', scope: 'global', footer: false },
  { id: 'quit', keys: ['q'], label: 'quit', description: 'quit', scope: 'global', footer: true },
  {
    id: 'wizard',
    keys: ['w'],
    label: 'wizard',
    description: 'open a wizard: recover, bootstrap plan, drill',
    scope: 'global',
    footer: true,
    dangerous: true,
    // The wizards' real executors (commands, APIs) are not built yet: on a real rack the menu would be empty.
    simOnly: true,
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
  },
];

export interface BindingContext {
  /** Hides dangerous bindings. */
  readonly readOnly: boolean;
  /** Shows simulation-only bindings. */
  readonly simulated: boolean;
}

function allowed(b: KeyBinding, ctx: BindingContext): boolean {
  return !(ctx.readOnly && b.dangerous) && !(b.simOnly && !ctx.simulated);
}

/** Bindings active in `scope` (its own plus inherited layers), in footer order. */
export function visibleBindings(scope: BindingScope, ctx: BindingContext): KeyBinding[] {
  const layers = SCOPE_LAYERS[scope];
  return KEY_BINDINGS.filter((b) => layers.includes(b.scope) && allowed(b, ctx));
}

/** Every allowed binding grouped by the scope it is declared in, for the help overlay. */
export function helpSections(ctx: BindingContext): { scope: BindingScope; title: string; bindings: KeyBinding[] }[] {
  const scopes: BindingScope[] = ['global', 'list', 'detail', 'filter', 'menu'];
  return scopes
    .map((scope) => ({
      scope,
      title: SCOPE_TITLES[scope],
      bindings: KEY_BINDINGS.filter((b) => b.scope === scope && allowed(b, ctx)),
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

/**
 * The parts of Ink's `Key` the matcher reads. Structural, so src/ does not import ink; Ink's `Key` is
 * assignable to it.
 */
export interface InkKeyLike {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
}

type Matcher = (input: string, key: InkKeyLike) => boolean;

// Letters only count without Ctrl/Meta, so Ctrl-R or Alt-q never trigger refresh or quit.
const char =
  (...chars: string[]): Matcher =>
  (input, key) =>
    !key.ctrl && !key.meta && chars.includes(input);

const MATCHERS: Record<BindingId, Matcher> = {
  'pane-next': (_, k) => Boolean(k.tab && !k.shift),
  'pane-prev': (_, k) => Boolean(k.tab && k.shift),
  pane: (input, k) => char('1', '2', '3', '4', '5', '6')(input, k),
  up: (input, k) => Boolean(k.upArrow) || char('k')(input, k),
  down: (input, k) => Boolean(k.downArrow) || char('j')(input, k),
  'page-up': (_, k) => Boolean(k.pageUp),
  'page-down': (_, k) => Boolean(k.pageDown),
  home: (input, k) => Boolean(k.home) || char('g')(input, k),
  end: (input, k) => Boolean(k.end) || char('G')(input, k),
  open: (_, k) => Boolean(k.return),
  accept: (_, k) => Boolean(k.return),
  back: (_, k) => Boolean(k.escape),
  filter: char('/'),
  help: char('?'),
  refresh: char('r'),
  quit: char('q'),
  inject: char('!'),
  wizard: char('w'),
};

/**
 * The binding an Ink `useInput` (input, key) pair triggers in `scope`, or undefined. Hidden bindings (read-only,
 * not simulated) never match, so a handler cannot run what the footer does not offer.
 */
export function matchBinding(input: string, key: InkKeyLike, scope: BindingScope, ctx: BindingContext): BindingId | undefined {
  return visibleBindings(scope, ctx).find((b) => MATCHERS[b.id](input, key))?.id;
}

/** 0-based pane index for the "pane" binding's digit ("1" -> 0). */
export function paneIndex(input: string): number | undefined {
  return /^[1-6]$/.test(input) ? Number(input) - 1 : undefined;
}

/**
 * Edits the filter text for one keypress: printable input appends (a paste arrives as one string), Backspace
 * deletes. Returns undefined for keys that are not text edits, so the caller can try the bindings.
 */
export function applyTextInput(text: string, input: string, key: InkKeyLike): string | undefined {
  // Many terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
  if (key.backspace || key.delete) return [...text].slice(0, -1).join('');
  if (key.ctrl || key.meta || key.return || key.escape || key.tab) return undefined;
  const printable = [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\x7f').join('');
  return printable ? text + printable : undefined;
}
