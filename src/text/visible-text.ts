/**
 * Text read from outside rackpilot made safe to show: control and escape characters (C0 including newline and
 * tab, DEL, C1), bidi controls and the Unicode line/paragraph separators become visible escapes (`\x1b`, `\n`,
 * `⟨U+202E⟩`), so nothing read from a file or another machine can drive the terminal, forge a line or reorder
 * one; overlong text is cut with a mark. The result is stable: applying it again changes nothing, because the cut
 * text with its mark fits in `max`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function visibleText(text: string, max = 2000): string {
  // The common case (clean and short) returns the same string without building a new one.
  const safe = UNSAFE.test(text)
    ? text
        .replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .replace(BIDI, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    : text;
  return safe.length > max ? cut(safe, max) : safe;
}

/** The first part of `text` and "…(N more)", together at most `max` characters (the mark alone if max is tiny). */
function cut(text: string, max: number): string {
  let keep = max;
  let mark = '';
  // The mark's length depends on N, which depends on how much is kept: two rounds settle it.
  for (let round = 0; round < 3; round++) {
    mark = `…(${text.length - keep} more)`;
    keep = Math.max(0, max - mark.length);
  }
  return `${text.slice(0, keep)}…(${text.length - keep} more)`;
}
