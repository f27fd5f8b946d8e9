// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence is what is matched.
const NEXT_LINE_RUN = /(?:\x1b\[E){2,}/g;
// Erase to end of line, then two or more colour/attribute sequences with nothing printed between them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched.
const ERASE_THEN_STYLES = /\x1b\[K((?:\x1b\[[0-9;]*m){2,})/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched.
const SGR = /\x1b\[([0-9;]*)m/g;

/**
 * Writes a frame of Ink's incremental renderer in fewer bytes, showing exactly the same on the terminal:
 * - Ink steps over every unchanged line with its own "cursor next line" (ESC[E); a run of them becomes one ESC[nE
 *   (down n lines to column 1, stopping at the bottom like each single step would). A frame that only moves the
 *   header's clock spent 141 of its 191 bytes walking down 47 lines.
 * - Where Ink rewrites a line from a column on, it replays every colour and attribute the line's text before that
 *   column used (on, off, on, off...). When they cancel out to the plain state a line starts from, one reset says
 *   the same: the clock's frame replayed 20 bytes of them every second.
 */
export function compactFrame(chunk: string): string {
  let out = chunk;
  if (out.includes('\x1b[E\x1b[E')) out = out.replace(NEXT_LINE_RUN, (run) => `\x1b[${run.length / 3}E`);
  if (out.includes('\x1b[K\x1b[')) out = out.replace(ERASE_THEN_STYLES, (whole, styles: string) => (cancelsOut(styles) ? '\x1b[K\x1b[m' : whole));
  return out;
}

/** Whether SGR sequences applied to the plain state leave it plain; false for any code not understood here. */
function cancelsOut(styles: string): boolean {
  const on = new Set<string>();
  for (const [, params = ''] of styles.matchAll(SGR)) {
    const codes = params === '' ? [0] : params.split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] ?? 0;
      if (c === 0) on.clear();
      else if (c === 22) on.delete('intensity');
      else if (c === 1 || c === 2) on.add('intensity');
      else if (c >= 3 && c <= 9) on.add(`a${c}`);
      else if (c >= 23 && c <= 29) on.delete(`a${c - 20}`);
      else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) on.add('fg');
      else if (c === 39) on.delete('fg');
      else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) on.add('bg');
      else if (c === 49) on.delete('bg');
      else if (c === 38 || c === 48) {
        // 38;5;n or 38;2;r;g;b (and the same for the background).
        on.add(c === 38 ? 'fg' : 'bg');
        i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : Number.POSITIVE_INFINITY;
      } else return false;
    }
  }
  return on.size === 0;
}
