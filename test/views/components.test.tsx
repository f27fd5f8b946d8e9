import { Text } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import { FilterBar } from '../../views/components/FilterBar';
import { Frame } from '../../views/components/Frame';
import { isTooSmall, TooSmall } from '../../views/components/TooSmall';
import { plain, renderThemed } from './helpers';

// Chalk drops every attribute, inverse too, when it thinks it writes to a pipe; a terminal keeps them.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

describe('TooSmall', () => {
  it('says the terminal is too small, what it needs and what it has', () => {
    const frame = plain(renderThemed(<TooSmall columns={60} rows={20} />).lastFrame());
    expect(frame).toContain('terminal too small (need 80×24)');
    expect(frame).toContain('now 60×20');
  });

  it('writes 80x24 in ASCII mode', () => {
    const frame = plain(renderThemed(<TooSmall columns={60} rows={20} />, { ascii: true }).lastFrame());
    expect(frame).toContain('terminal too small (need 80x24)');
    expect(frame).toContain('now 60x20');
  });

  it('applies below 80 columns or 24 rows', () => {
    expect(isTooSmall({ columns: 80, rows: 24 })).toBe(false);
    expect(isTooSmall({ columns: 79, rows: 40 })).toBe(true);
    expect(isTooSmall({ columns: 120, rows: 23 })).toBe(true);
  });
});

describe('Frame', () => {
  it('shows its title in the top border', () => {
    const frame = plain(renderThemed(<Frame title="BGP" width={30} height={4} />).lastFrame());
    const lines = frame.split('\n');
    expect(lines[0]).toBe(`┌─ BGP ${'─'.repeat(22)}┐`);
    expect(lines.at(-1)).toBe(`└${'─'.repeat(28)}┘`);
  });

  it('never grows taller than the height it is given', () => {
    const many = Array.from({ length: 30 }, (_, i) => <Text key={String(i)}>line {i}</Text>);
    const frame = plain(
      renderThemed(
        <Frame title="Overflow" width={30} height={6}>
          {many}
        </Frame>,
      ).lastFrame(),
    );
    expect(frame.split('\n')).toHaveLength(6);
    expect(frame).toContain('line 0');
    expect(frame).not.toContain('line 10');
  });
});

describe('FilterBar', () => {
  it('shows "/text" with a cursor while typing', () => {
    const { lastFrame } = renderThemed(<FilterBar text="mach" active width={40} />);
    expect(plain(lastFrame())).toBe('/mach ');
    expect(lastFrame()).toContain('\u001b[7m \u001b[27m');
  });

  it('keeps an applied filter visible with the match count, and disappears when empty', () => {
    const kept = plain(renderThemed(<FilterBar text="dead" active={false} width={40} count={{ shown: 3, total: 48 }} />).lastFrame());
    expect(kept).toBe('/dead  3 of 48');
    expect(plain(renderThemed(<FilterBar text="" active={false} width={40} />).lastFrame())).toBe('');
  });

  it('keeps the end of a long filter in view while typing', () => {
    const frame = plain(renderThemed(<FilterBar text={`${'x'.repeat(50)}END`} active width={20} />).lastFrame());
    expect(frame).toContain('END');
    expect(frame.length).toBeLessThanOrEqual(20);
  });
});
