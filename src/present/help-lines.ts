import { textWidth } from './table-layout';
import { type BindingContext, helpSections, keysText } from './key-bindings';
import { blank, type DetailLine, heading } from './detail-lines';

/**
 * The help overlay's text: every key that works now, grouped by where it works, one key per line with its whole
 * description (wrapped under itself by the view, never cut), so it reads at 80×24 and scrolls when it is longer.
 */
export function helpLines(ctx: BindingContext, ascii: boolean): DetailLine[] {
  const sections = helpSections(ctx);
  const keyWidth = Math.max(...sections.flatMap((s) => s.bindings.map((b) => textWidth(keysText(b, ascii)))));
  const out: DetailLine[] = [];
  for (const [i, s] of sections.entries()) {
    if (i > 0) out.push(blank);
    out.push(heading(s.title));
    for (const b of s.bindings) {
      const keys = keysText(b, ascii);
      const pad = ' '.repeat(Math.max(0, keyWidth - textWidth(keys)));
      out.push({ text: `  ${keys}${pad}  ${b.description}`, hang: keyWidth + 4, ...(b.dangerous ? { tone: 'warning' as const, noSymbol: true } : {}) });
    }
  }
  return out;
}
