import type { InkKeyLike } from './key-matcher';

export interface KeyPress {
  readonly input: string;
  readonly key: InkKeyLike;
}

const NO_KEY: InkKeyLike = {};

/**
 * One input event as the keypresses a person made. Over SSH or Tailscale, key repeat and lag deliver several keys
 * in one chunk; Ink splits escape sequences (arrows) into events of their own but hands typed text over whole
 * ("jjj", "j\r"), and reads Esc followed at once by a key as Meta+key. Each keypress here is handled on its own, in
 * order, so `jjj` moves three rows and `Esc j` leaves the detail and moves down. Text pasted into the filter is
 * still text: Enter and Tab inside it are keys, everything else is typed.
 */
export function keyPresses(input: string, key: InkKeyLike): KeyPress[] {
  // Esc then a printable key in one chunk: Ink's Meta+key; no binding uses Meta, an operator meant both.
  if (key.meta && !key.ctrl && [...input].length === 1 && isPrintable(input)) {
    return [{ input: '', key: { escape: true } }, { input, key: NO_KEY }];
  }
  if (key.ctrl || key.meta || [...input].length <= 1 || !isPlainText(input)) return [{ input, key }];
  return [...input].map((ch) => {
    if (ch === '\r' || ch === '\n') return { input: '', key: { return: true } };
    if (ch === '\t') return { input: '', key: { tab: true } };
    return { input: ch, key: NO_KEY };
  });
}

function isPrintable(ch: string): boolean {
  return (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\x7f';
}

/** Printable characters, Enter and Tab: what typing fast produces (no escape or other control bytes). */
function isPlainText(input: string): boolean {
  return [...input].every((ch) => isPrintable(ch) || ch === '\r' || ch === '\n' || ch === '\t');
}
