import type { DetailLine } from './detail-lines';
import { charWidth, textWidth } from './table-layout';

/** A continuation keeps at least this many cells for text, however deep its hang. */
const MIN_TEXT = 20;

/**
 * Detail lines wrapped to `width` cells instead of cut: a long line breaks at its last space that fits (or mid-word
 * when a word alone is wider, such as a URL), and its continuations start at the line's `hang`. `symbolCells` is
 * what the view puts before a line (a tone's "[X] "); continuations get that many spaces instead, so they line up.
 */
export function wrapLines(lines: readonly DetailLine[], width: number, symbolCells: (l: DetailLine) => number): DetailLine[] {
  const out: DetailLine[] = [];
  for (const l of lines) {
    const lead = symbolCells(l);
    let room = width - lead;
    if (room <= 0 || textWidth(l.text) <= room) {
      out.push(l);
      continue;
    }
    const hang = Math.max(0, Math.min(l.hang ?? 0, width - lead - MIN_TEXT));
    const indent = ' '.repeat(lead + hang);
    let rest = l.text;
    let first = true;
    while (rest) {
      const [head, tail] = breakAt(rest, room);
      out.push(first ? { ...l, text: head } : { ...l, text: indent + head, continued: true });
      rest = tail;
      first = false;
      room = width - lead - hang;
    }
  }
  return out;
}

/** The longest head of `text` that fits `room` cells, broken at a space where one fits, and what is left. */
function breakAt(text: string, room: number): [string, string] {
  let used = 0;
  let cut = 0;
  let space = -1;
  let words = false;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > room) break;
    // A space in the line's own indent is no place to break.
    if (ch !== ' ') words = true;
    else if (words) space = cut;
    used += w;
    cut += ch.length;
  }
  if (cut >= text.length) return [text, ''];
  if (space > 0) return [text.slice(0, space).trimEnd(), text.slice(space + 1).trimStart()];
  // At least one character per line, so a room of zero cells cannot loop forever.
  const at = Math.max(cut, (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1);
  return [text.slice(0, at), text.slice(at).trimStart()];
}
