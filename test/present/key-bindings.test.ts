import { describe, expect, it } from 'vitest';
import { footerText, helpSections, visibleBindings } from '../../src/present/key-bindings';
import { applyTextInput, matchBinding, paneIndex } from '../../src/present/key-matcher';

const live = { readOnly: false, simulated: false };
const sim = { readOnly: false, simulated: true };
const simReadOnly = { readOnly: true, simulated: true };

describe('key bindings', () => {
  it('the list footer reads "Tab pane  ↑↓ move  Enter open  / filter  ? help  q quit  w wizard" and fits 80 columns', () => {
    const text = footerText(visibleBindings('list', sim), 80);
    expect(text.startsWith('Tab pane  ↑↓ move  Enter open  / filter  ? help  q quit  w wizard')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(80);
  });

  it('a real rack is not offered w: the wizards have no real executors yet', () => {
    expect(footerText(visibleBindings('list', live), 80)).toBe('Tab pane  ↑↓ move  Enter open  / filter  ? help  q quit');
  });

  it('the footer offers "! inject" on a simulated rack, but not when read-only', () => {
    expect(footerText(visibleBindings('list', sim), 80)).toContain('! inject');
    expect(footerText(visibleBindings('list', simReadOnly), 80)).not.toContain('!');
    expect(footerText(visibleBindings('list', live), 80)).not.toContain('!');
  });

  it('the footer changes with the scope', () => {
    expect(footerText(visibleBindings('detail', live), 80)).toContain('Esc back');
    expect(footerText(visibleBindings('detail', live), 80)).toContain('↑↓ scroll');
    expect(footerText(visibleBindings('filter', live), 80)).toBe('Enter keep  Esc clear');
    expect(footerText(visibleBindings('menu', sim), 80)).toBe('↑↓ move  Enter run  Esc close');
  });

  it('the ASCII footer says Up/Dn instead of arrows', () => {
    const text = footerText(visibleBindings('list', live), 80, { ascii: true });
    expect(text).toContain('Up/Dn move');
    expect(text).not.toMatch(/[↑↓]/);
  });

  it('a narrow footer drops whole hints but keeps "? help"', () => {
    const text = footerText(visibleBindings('list', live), 30);
    expect(text.length).toBeLessThanOrEqual(30);
    expect(text).toBe('Tab pane  ↑↓ move  ? help');
    expect(footerText(visibleBindings('list', live), 5).length).toBeLessThanOrEqual(5);
  });

  it('maps Ink keypresses to bindings in the current scope', () => {
    expect(matchBinding('', { tab: true }, 'list', live)).toBe('pane-next');
    expect(matchBinding('', { tab: true, shift: true }, 'list', live)).toBe('pane-prev');
    expect(matchBinding('j', {}, 'list', live)).toBe('down');
    expect(matchBinding('', { upArrow: true }, 'detail', live)).toBe('up');
    expect(matchBinding('', { pageDown: true }, 'list', live)).toBe('page-down');
    expect(matchBinding('G', { shift: true }, 'list', live)).toBe('end');
    expect(matchBinding('', { return: true }, 'list', live)).toBe('open');
    expect(matchBinding('', { return: true }, 'detail', live)).toBeUndefined();
    expect(matchBinding('', { return: true }, 'filter', live)).toBe('accept');
    expect(matchBinding('', { escape: true }, 'menu', live)).toBe('back');
    expect(matchBinding('3', {}, 'list', live)).toBe('pane');
    expect(paneIndex('3')).toBe(2);
    expect(paneIndex('7')).toBe(6);
    expect(paneIndex('8')).toBeUndefined();
    expect(paneIndex('0')).toBeUndefined();
  });

  it('Enter jumps where the context says it does, and → and l with it; elsewhere Enter opens and → and l do nothing', () => {
    const jumps = { ...live, jumps: true };
    expect(matchBinding('', { return: true }, 'list', jumps)).toBe('jump');
    expect(matchBinding('l', {}, 'list', jumps)).toBe('jump');
    expect(matchBinding('', { rightArrow: true }, 'list', jumps)).toBe('jump');
    expect(matchBinding('l', {}, 'list', live)).toBeUndefined();
    expect(matchBinding('', { rightArrow: true }, 'list', live)).toBeUndefined();
    expect(footerText(visibleBindings('list', jumps), 80)).toBe('Tab pane  ↑↓ move  Enter jump  / filter  ? help  q quit');
    // The help lists both meanings of Enter, and the jump's second keys.
    const list = helpSections(live).find((s) => s.scope === 'list')?.bindings ?? [];
    expect(list.map((b) => `${b.keys.join(' ')} ${b.id}`)).toEqual(expect.arrayContaining(['Enter → l jump', 'Enter open']));
  });

  it('typing in the filter never quits, refreshes or switches panes', () => {
    expect(matchBinding('q', {}, 'filter', live)).toBeUndefined();
    expect(matchBinding('r', {}, 'filter', live)).toBeUndefined();
    expect(matchBinding('1', {}, 'filter', live)).toBeUndefined();
    expect(matchBinding('q', {}, 'list', live)).toBe('quit');
  });

  it('Ctrl or Alt with a letter is not the letter', () => {
    expect(matchBinding('r', { ctrl: true }, 'list', live)).toBeUndefined();
    expect(matchBinding('q', { meta: true }, 'list', live)).toBeUndefined();
  });

  it('"!" injects only on a simulated rack that is not read-only', () => {
    expect(matchBinding('!', {}, 'list', sim)).toBe('inject');
    expect(matchBinding('!', {}, 'list', simReadOnly)).toBeUndefined();
    expect(matchBinding('!', {}, 'list', live)).toBeUndefined();
  });

  it('help sections list every allowed binding under the scope it works in', () => {
    const titles = helpSections(sim).map((s) => s.title);
    expect(titles).toEqual(['Anywhere', 'List', 'Detail', 'Filter', 'Menu']);
    const ids = helpSections(live).flatMap((s) => s.bindings.map((b) => b.id));
    expect(ids).not.toContain('inject');
  });

  it('filter typing appends text, Backspace deletes, other keys fall through', () => {
    expect(applyTextInput('ma', 'c', {})).toBe('mac');
    expect(applyTextInput('mac', 'hine', {})).toBe('machine');
    expect(applyTextInput('mac', '', { backspace: true })).toBe('ma');
    expect(applyTextInput('mac', '', { delete: true })).toBe('ma');
    expect(applyTextInput('mac', '', { return: true })).toBeUndefined();
    expect(applyTextInput('mac', 'u', { ctrl: true })).toBeUndefined();
    expect(applyTextInput('mac', '', { upArrow: true })).toBeUndefined();
  });
});
