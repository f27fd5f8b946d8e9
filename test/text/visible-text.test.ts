import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/text/visible-text';

describe('text from outside, made visible', () => {
  it('shows escape, control and bidi characters as escapes instead of passing them to the terminal', () => {
    expect(visibleText('ops\u001b]0;pwned\u0007@host')).toBe('ops\\x1b]0;pwned\\x07@host');
    expect(visibleText('line one\nCRIT forged')).toBe('line one\\nCRIT forged');
    expect(visibleText('abc\u202edef\u0085\u007f')).toBe('abc⟨U+202E⟩def\\x85\\x7f');
    expect(visibleText('metal-db (initial metal-stack) — ok')).toBe('metal-db (initial metal-stack) — ok');
  });

  it('cuts overlong text and says how much was left out', () => {
    expect(visibleText('x'.repeat(40), 20)).toBe(`${'x'.repeat(10)}…(30 more)`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 20, max: 80 }), (s, max) => {
        const v = visibleText(s, max);
        expect(v.length).toBeLessThanOrEqual(max);
        expect(visibleText(v, max)).toBe(v);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never leaves a control or bidi character, and is stable when applied again', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const v = visibleText(s, 10_000);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none are left.
        expect(v).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        expect(visibleText(v, 10_000)).toBe(v);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
