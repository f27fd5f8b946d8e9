/**
 * Text read from outside rackpilot made safe to show: control and escape characters (C0 including newline and
 * tab, DEL, C1) and bidi controls become visible escapes (`\x1b`, `\n`, `⟨U+202E⟩`), so nothing read from a file or
 * another machine can drive the terminal, forge a line or reorder one; overlong text is cut with a mark. The result
 * is stable: applying it twice changes nothing more.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function visibleText(text: string, max = 2000): string {
  const safe = text
    .replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(BIDI, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
  return safe.length > max ? `${safe.slice(0, max)}…(${safe.length - max} more)` : safe;
}
