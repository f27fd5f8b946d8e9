import { describe, expect, it } from 'vitest';
import { HelpOverlay } from '../../views/components/HelpOverlay';
import { plain, renderThemed } from './helpers';

const help = (readOnly: boolean, simulated: boolean, opts = {}) =>
  plain(renderThemed(<HelpOverlay readOnly={readOnly} simulated={simulated} width={80} height={24} />, opts).lastFrame());

describe('HelpOverlay', () => {
  it('lists the keys under Anywhere, List, Detail, Filter and Menu within 80x24', () => {
    const frame = help(false, true);
    for (const title of ['Anywhere', 'List', 'Detail', 'Filter', 'Menu']) expect(frame).toContain(title);
    expect(frame).toContain('Shift-Tab');
    expect(frame).toContain('filter rows');
    expect(frame).toContain('jump to the linked item');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('lists "!" inject only on a simulated rack that is not read-only', () => {
    expect(help(false, true)).toContain('inject a failure scenario');
    expect(help(true, true)).not.toContain('inject');
    expect(help(false, false)).not.toContain('inject');
  });

  it('uses no box-drawing characters or arrows in ASCII mode', () => {
    const frame = help(false, true, { ascii: true });
    expect(frame).not.toMatch(/[\u2500-\u257f←↑→↓…]/);
    expect(frame).toContain('Up k');
  });
});
