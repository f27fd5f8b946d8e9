// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence is what is matched.
const NEXT_LINE_RUN = /(?:\x1b\[E){2,}/g;
// Erase to end of line, then two or more colour/attribute sequences with nothing printed between them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched.
const ERASE_THEN_STYLES = /\x1b\[K((?:\x1b\[[0-9;]*m){2,})/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched.
const SGR = /\x1b\[([0-9;]*)m/g;
// A control sequence, a lone escape (the start of anything else), or text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched.
const TOKEN = /\x1b\[[0-9;?]*[@-~]|\x1b|[^\x1b]+/g;
/** Spaces worth a cursor step (ESC[nC is 4 to 5 bytes). */
const BLANK_RUN = / {5,}/g;

/**
 * Writes a frame of Ink's incremental renderer in fewer bytes, showing exactly the same on the terminal:
 * - Ink steps over every unchanged line with its own "cursor next line" (ESC[E); a run of them becomes one ESC[nE
 *   (down n lines to column 1, stopping at the bottom like each single step would). A frame that only moves the
 *   header's clock spent 141 of its 191 bytes walking down 47 lines.
 * - Where Ink rewrites a line from a column on, it replays every colour and attribute the line's text before that
 *   column used (on, off, on, off...). When they cancel out to the plain state a line starts from, one reset says
 *   the same: the clock's frame replayed 20 bytes of them every second.
 * - After that erase to the end of the line the cells to its right are blank, yet Ink writes a line's padding as
 *   spaces: a run of them written with nothing on that shows on a space (background, inverse, underline, ...) is
 *   stepped over instead (ESC[nC). An age changing in an overview line wrote 80 spaces to reach the frame's border.
 */
export function compactFrame(chunk: string): string {
  let out = chunk;
  if (out.includes('\x1b[E\x1b[E')) out = out.replace(NEXT_LINE_RUN, (run) => `\x1b[${run.length / 3}E`);
  if (out.includes('\x1b[K\x1b[')) out = out.replace(ERASE_THEN_STYLES, (whole, styles: string) => (cancelsOut(styles) ? '\x1b[K\x1b[m' : whole));
  if (out.includes('\x1b[K') && out.includes('     ')) out = stepOverBlanks(out);
  return out;
}

/**
 * Replaces runs of blank-looking spaces right of an erase on the same line with cursor steps. Ink closes every style
 * it opens, so a frame starts, and each erase happens, in the plain state; a code not understood here stops it until
 * the next reset, and any cursor move but a step right ends the erased stretch.
 */
function stepOverBlanks(chunk: string): string {
  let erased = false;
  let known = true;
  const on = new Set<string>();
  let out = '';
  for (const [token] of chunk.matchAll(TOKEN)) {
    if (token.startsWith('\x1b[')) {
      const final = token.at(-1);
      if (final === 'm') {
        const params = token.slice(2, -1);
        known = applySgr(on, params) && (known || params === '' || params.split(';').includes('0'));
      }
      else if (final === 'K') erased = token === '\x1b[K' || token === '\x1b[0K' || token === '\x1b[2K';
      else if (final !== 'C') erased = false;
      out += token;
    } else if (token === '\x1b') {
      erased = false;
      out += token;
    } else {
      const end = token.search(/[\r\n]/);
      const line = end < 0 ? token : token.slice(0, end);
      const blank = erased && known && [...on].every((a) => a === 'intensity' || a === 'fg' || a === 'a3');
      out += (blank ? line.replace(BLANK_RUN, (run) => `\x1b[${run.length}C`) : line) + (end < 0 ? '' : token.slice(end));
      if (end >= 0) erased = false;
    }
  }
  return out;
}

/** Whether SGR sequences applied to the plain state leave it plain; false for any code not understood here. */
function cancelsOut(styles: string): boolean {
  const on = new Set<string>();
  for (const [, params = ''] of styles.matchAll(SGR)) if (!applySgr(on, params)) return false;
  return on.size === 0;
}

/** Applies one SGR sequence's parameters to the set of attributes on; false for a code not understood here. */
function applySgr(on: Set<string>, params: string): boolean {
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
  return true;
}
