import type { Tone } from './rows';

/** One line of a detail view; views give it the tone's colour and symbol. */
export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
  /** Section headings render bold. */
  readonly heading?: boolean;
}

export const heading = (text: string): DetailLine => ({ text, heading: true });
export const line = (text: string, tone?: Tone): DetailLine => ({ text, ...(tone ? { tone } : {}) });
export const blank: DetailLine = { text: '' };

/** "label       value" pairs aligned on one column, skipping empty values. */
export function facts(pairs: ReadonlyArray<readonly [string, string | undefined]>): DetailLine[] {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 2;
  return pairs.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => line(`${k.padEnd(width)}${v}`));
}

