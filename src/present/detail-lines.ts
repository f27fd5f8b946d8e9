import type { Tone } from './rows';

/** One line of a detail view; views give it the tone's colour and symbol. */
export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
  /** Section headings render bold. */
  readonly heading?: boolean;
  /** Where a wrapped line's continuation starts (cells from the left), e.g. under a fact's value. */
  readonly hang?: number;
  /** The second or later part of a wrapped line: indented instead of carrying the tone's symbol again. */
  readonly continued?: boolean;
  /** Colour without the tone's symbol: the words already say the state, and a symbol would break an aligned block. */
  readonly noSymbol?: boolean;
}

export const heading = (text: string): DetailLine => ({ text, heading: true });
export const line = (text: string, tone?: Tone, hang?: number): DetailLine => ({
  text,
  ...(tone ? { tone } : {}),
  ...(hang ? { hang } : {}),
});
export const blank: DetailLine = { text: '' };

/**
 * A line of an aligned block (a shoot's conditions, a node's links): coloured by its tone but without the symbol,
 * which would shift it right of its healthy neighbours; its state column must say the state in words.
 */
export const alignedLine = (text: string, tone?: Tone, hang?: number): DetailLine => ({ ...line(text, tone, hang), ...(tone ? { noSymbol: true } : {}) });

/**
 * "label       value" pairs aligned on one column, skipping empty values; a long value wraps under itself. A toned
 * value is coloured but gets no symbol, so the column stays aligned: its words must say the state.
 */
export function facts(pairs: ReadonlyArray<readonly [string, string | undefined, Tone?]>): DetailLine[] {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 2;
  return pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v, tone]) => ({ ...line(`${k.padEnd(width)}${v}`, tone, width), ...(tone ? { noSymbol: true } : {}) }));
}
