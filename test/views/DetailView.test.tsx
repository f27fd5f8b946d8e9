import { describe, expect, it } from 'vitest';
import { facts, line } from '../../src/present/detail-lines';
import { wrapLines } from '../../src/present/detail-wrap';
import { DetailView, symbolCells } from '../../views/components/DetailView';
import { makeTheme } from '../../views/theme';
import { plain, renderThemed } from './helpers';

describe('DetailView', () => {
  it('shows a wrapped line whole: the symbol once, the continuation lined up under the text, nothing cut', () => {
    const theme = makeTheme({ color: false });
    const text = 'major    crashloop: the machine is in a provisioning crash loop and never phones home';
    const lines = wrapLines([line(text, 'warning', 9)], 40, (l) => symbolCells(theme, l));
    const frame = plain(renderThemed(<DetailView lines={lines} offset={0} height={6} width={40} />, { color: false }).lastFrame());
    const shown = frame.split('\n').slice(0, lines.length);
    expect(shown[0]).toBe('[!] major    crashloop: the machine is');
    expect(shown.slice(1).every((l) => l.startsWith(' '.repeat(13)))).toBe(true);
    expect(shown.join(' ').replace(/\s+/g, ' ')).toContain('in a provisioning crash loop and never phones home');
    expect(frame).not.toContain('…');
  });

  it('colours a toned fact without a symbol, so the facts stay aligned and the words say the state', () => {
    const lines = facts([
      ['role', 'machine'],
      ['liveliness', 'Unknown', 'warning'],
    ]);
    const frame = plain(renderThemed(<DetailView lines={lines} offset={0} height={4} width={40} />, { color: false }).lastFrame());
    expect(frame.split('\n').slice(0, 2)).toEqual(['role        machine', 'liveliness  Unknown']);
  });
});
