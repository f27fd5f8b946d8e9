/**
 * Semantic tones instead of raw colours, so a view says "critical", not "red", and the whole UI can drop
 * colour (NO_COLOR, --no-color) or non-ASCII glyphs (plain consoles, odd fonts) in one place. Every tone has a
 * text symbol too, so state still reads on a monochrome terminal or in a screen reader.
 */
export type ToneName = 'ok' | 'warning' | 'critical' | 'info' | 'muted' | 'accent' | 'selected';

/** Ink (chalk) colour names. */
export type InkColor = 'green' | 'yellow' | 'red' | 'cyan' | 'gray' | 'blue' | 'magenta' | 'white';

export interface Theme {
  /** False: components pass no colour props at all (chalk ignores NO_COLOR, so we must). */
  readonly color: boolean;
  /** True: no box-drawing, arrows or "…"; everything is 7-bit ASCII. */
  readonly ascii: boolean;
  readonly colors: Readonly<Record<ToneName, InkColor>>;
  /** Bracketed words that carry the tone without colour, e.g. "[X]". */
  readonly symbols: Readonly<Record<ToneName, string>>;
  /** One cell, for the table's marker column. */
  readonly marks: Readonly<Record<ToneName, string>>;
  /** Ink `borderStyle`: box-drawing `single`, or `classic` (+ - |). */
  readonly border: 'single' | 'classic';
  readonly ellipsis: string;
  /** "×" in "80×24", "x" in ASCII. */
  readonly times: string;
}

const COLORS: Record<ToneName, InkColor> = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
  info: 'cyan',
  muted: 'gray',
  accent: 'blue',
  selected: 'cyan',
};

const SYMBOLS: Record<ToneName, string> = {
  ok: '[ok]',
  warning: '[!]',
  critical: '[X]',
  info: '[i]',
  muted: '',
  accent: '',
  selected: '>',
};

const MARKS: Record<ToneName, string> = {
  ok: ' ',
  warning: '!',
  critical: 'X',
  info: ' ',
  muted: ' ',
  accent: ' ',
  selected: '>',
};

/** @default color true, ascii false */
export function makeTheme(opts: { color?: boolean; ascii?: boolean } = {}): Theme {
  const ascii = opts.ascii ?? false;
  return {
    color: opts.color ?? true,
    ascii,
    colors: COLORS,
    symbols: SYMBOLS,
    marks: MARKS,
    border: ascii ? 'classic' : 'single',
    ellipsis: ascii ? '~' : '…',
    times: ascii ? 'x' : '×',
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour. An explicit `--color`/`--no-color` flag wins (as no-color.org asks); otherwise any
 * non-empty NO_COLOR, FORCE_COLOR=0 or TERM=dumb turns colour off.
 */
export function resolveColor({ env, flag }: { env: Env; flag?: boolean }): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return env.TERM !== 'dumb';
}

/**
 * Whether to stay in 7-bit ASCII. A flag wins; otherwise TERM=dumb or a locale that is set but not UTF-8
 * (LC_ALL, then LC_CTYPE, then LANG) means the terminal may not have box-drawing glyphs.
 */
export function resolveAscii({ env, flag }: { env: Env; flag?: boolean }): boolean {
  if (flag !== undefined) return flag;
  if (env.TERM === 'dumb') return true;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return locale !== undefined && locale !== '' && !/utf-?8/i.test(locale);
}
