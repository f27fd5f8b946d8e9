import { describe, expect, it } from 'vitest';
import { facts, line } from '../../src/present/detail-lines';
import { wrapLines } from '../../src/present/detail-wrap';
import { textWidth } from '../../src/present/table-layout';

// As the view draws them: "[!] " before a warning line, nothing before a plain one.
const symbols = (l: { tone?: string; continued?: boolean; noSymbol?: boolean }) => (l.tone && l.tone !== 'muted' && !l.continued && !l.noSymbol ? 4 : 0);

describe('detail lines wrapped to the width', () => {
  it('leaves lines that fit alone', () => {
    const lines = [line('short'), line('also short', 'warning')];
    expect(wrapLines(lines, 20, symbols)).toEqual(lines);
  });

  it("breaks a long fact at spaces and continues under the fact's value", () => {
    const [fact] = facts([['lock', 'LOCKED: waiting for a new disk from the vendor, ticket 4711']]);
    const out = wrapLines(fact ? [fact] : [], 30, symbols);
    expect(out.map((l) => l.text)).toEqual(['lock  LOCKED: waiting for a', '      new disk from the', '      vendor, ticket 4711']);
    expect(out.map((l) => l.continued ?? false)).toEqual([false, true, true]);
  });

  it('keeps room for the tone symbol on the first line and lines the continuations up under the text', () => {
    const out = wrapLines([line('major    crashloop: the machine is in a provisioning crash loop', 'warning', 9)], 40, symbols);
    expect(out.map((l) => l.text)).toEqual([
      'major    crashloop: the machine is',
      '             in a provisioning crash',
      '             loop',
    ]);
    expect(out.every((l) => l.tone === 'warning')).toBe(true);
    expect(out.every((l) => symbols(l) + textWidth(l.text) <= 40)).toBe(true);
  });

  it('cuts a word wider than the line (a URL) where it must, losing nothing', () => {
    const url = 'https://docs.metal-stack.io/stable/operating/troubleshoot/#bmc-info-outdated';
    const out = wrapLines([line(`    ${url}`)], 40, symbols);
    expect(out.every((l) => textWidth(l.text) <= 40)).toBe(true);
    expect(out.map((l) => l.text.trim()).join('')).toBe(url);
  });
});
