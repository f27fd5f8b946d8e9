import { type BindingContext, type BindingId, type BindingScope, visibleBindings } from './key-bindings';
import { PANES } from './ui-state';

/**
 * The parts of Ink's `Key` the matcher reads. Structural, so src/ does not import ink; Ink's `Key` is
 * assignable to it.
 */
export interface InkKeyLike {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly rightArrow?: boolean;
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
  pane: (input, k) => paneIndex(input) !== undefined && char(input)(input, k),
  up: (input, k) => Boolean(k.upArrow) || char('k')(input, k),
  down: (input, k) => Boolean(k.downArrow) || char('j')(input, k),
  'page-up': (_, k) => Boolean(k.pageUp),
  'page-down': (_, k) => Boolean(k.pageDown),
  home: (input, k) => Boolean(k.home) || char('g')(input, k),
  end: (input, k) => Boolean(k.end) || char('G')(input, k),
  open: (_, k) => Boolean(k.return),
  jump: (input, k) => Boolean(k.return || k.rightArrow) || char('l')(input, k),
  accept: (_, k) => Boolean(k.return),
  back: (_, k) => Boolean(k.escape),
  filter: char('/'),
  help: char('?'),
  refresh: char('r'),
  quit: char('q'),
  inject: char('!'),
  wizard: char('w'),
  acknowledge: char('A'),
  run: (_, k) => Boolean(k.return),
  skip: char('s'),
  abort: char('a'),
  retry: char('r'),
  confirm: char('y'),
  resume: char('r'),
  fresh: char('f'),
  close: (input, k) => Boolean(k.return || k.escape) || char('q')(input, k),
  interrupt: (input, k) => Boolean(k.ctrl) && input === 'c',
};

/**
 * The binding an Ink `useInput` (input, key) pair triggers in `scope`, or undefined. Hidden bindings (read-only,
 * not simulated) never match, so a handler cannot run what the footer does not offer.
 */
export function matchBinding(input: string, key: InkKeyLike, scope: BindingScope, ctx: BindingContext): BindingId | undefined {
  return visibleBindings(scope, ctx).find((b) => MATCHERS[b.id](input, key))?.id;
}

/**
 * What to say when a key matched nothing because its binding is hidden here: in --read-only, or on a real rack.
 * Undefined for keys that mean nothing anywhere (those stay silent).
 */
export function hiddenKeyNote(input: string, key: InkKeyLike, scope: BindingScope, ctx: BindingContext): string | undefined {
  const everything = visibleBindings(scope, { ...ctx, readOnly: false, simulated: true });
  const b = everything.find((x) => MATCHERS[x.id](input, key));
  if (!b || matchBinding(input, key, scope, ctx) !== undefined) return undefined;
  const name = b.keys[0] ?? input;
  if (ctx.readOnly && b.dangerous) return `${name}: ${b.label} is off in --read-only`;
  if (!ctx.simulated && b.realRackNote) return `${name}: ${b.realRackNote}`;
  return undefined;
}

/** 0-based pane index for the "pane" binding's digit ("1" -> 0). */
export function paneIndex(input: string): number | undefined {
  return /^[1-9]$/.test(input) && Number(input) <= PANES.length ? Number(input) - 1 : undefined;
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
