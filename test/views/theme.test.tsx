import { Box } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import { FilterBar } from '../../views/components/FilterBar';
import { Footer } from '../../views/components/Footer';
import { Frame } from '../../views/components/Frame';
import { DetailView } from '../../views/components/DetailView';
import { helpLines } from '../../src/present/help-lines';
import { Table } from '../../views/components/Table';
import { TooSmall } from '../../views/components/TooSmall';
import { resolveAscii, resolveColor } from '../../views/theme';
import { Tone, useTheme } from '../../views/theme-context';
import { hasColorEscape, plain, renderThemed } from './helpers';

// Chalk decides at import whether it may colour; force it on, as on a real colour terminal, so the colour-off
// tests prove that *we* drop colour rather than chalk happening to see a pipe.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

function Screen() {
  return (
    <Box flexDirection="column">
      <Frame title="Machines" width={80} height={8} tone="accent">
        <Table
          columns={[{ title: 'NAME', width: 12 }, { title: 'STATE', width: 'flex' }]}
          rows={[
            { id: 'a', cells: ['machine-a', 'Alive'], tone: 'ok' },
            { id: 'b', cells: ['machine-b-with-a-long-name', 'Dead'], tone: 'critical' },
            { id: 'c', cells: ['machine-c', 'Unknown'], tone: 'warning' },
          ]}
          selected={1}
          height={3}
          width={78}
        />
      </Frame>
      <FilterBar text="mach" active width={80} />
      <Tone tone="critical" symbol>
        BGP down
      </Tone>
      <TooSmall columns={60} rows={20} />
      <HelpText />
      <Footer scope="list" readOnly={false} simulated width={80} />
    </Box>
  );
}

/** The help overlay's text in the theme's character set, as App shows it. */
function HelpText() {
  const theme = useTheme();
  return <DetailView lines={helpLines({ readOnly: false, simulated: true }, theme.ascii)} offset={0} height={24} width={80} />;
}

describe('colour', () => {
  it('with colour on, states are coloured', () => {
    expect(hasColorEscape(renderThemed(<Screen />, { color: true }).lastFrame())).toBe(true);
  });

  it('with colour off (NO_COLOR), no colour escape reaches the terminal, and states still read as text', () => {
    const frame = renderThemed(<Screen />, { color: false }).lastFrame() ?? '';
    expect(frame).not.toContain('\u001b[3');
    expect(frame).not.toContain('\u001b[9');
    expect(hasColorEscape(frame)).toBe(false);
    expect(plain(frame)).toContain('[X] BGP down');
    expect(plain(frame)).toMatch(/>X machine-b/);
  });

  it('NO_COLOR (any non-empty value) or --no-color turns colour off; an explicit --color wins', () => {
    expect(resolveColor({ env: {} })).toBe(true);
    expect(resolveColor({ env: { NO_COLOR: '1' } })).toBe(false);
    expect(resolveColor({ env: { NO_COLOR: '' } })).toBe(true);
    expect(resolveColor({ env: {}, flag: false })).toBe(false);
    expect(resolveColor({ env: { NO_COLOR: '1' }, flag: true })).toBe(true);
    expect(resolveColor({ env: { TERM: 'dumb' } })).toBe(false);
  });
});

describe('ASCII mode', () => {
  it('draws no box-drawing characters, arrows, ellipses or "×"', () => {
    const frame = plain(renderThemed(<Screen />, { ascii: true }).lastFrame());
    expect(frame).not.toMatch(/[\u2500-\u257f]/);
    expect(frame).not.toMatch(/[←↑→↓…×]/);
    expect(frame).toContain('+- Machines -');
    expect(frame).toContain('Up/Dn move');
  });

  it('the Unicode screen does use box-drawing', () => {
    expect(plain(renderThemed(<Screen />).lastFrame())).toContain('┌─ Machines ─');
  });

  it('is chosen by flag, or by a non-UTF-8 locale', () => {
    expect(resolveAscii({ env: { LANG: 'en_US.UTF-8' } })).toBe(false);
    expect(resolveAscii({ env: { LANG: 'C' } })).toBe(true);
    expect(resolveAscii({ env: { LC_ALL: 'C.utf8', LANG: 'C' } })).toBe(false);
    expect(resolveAscii({ env: {} })).toBe(false);
    expect(resolveAscii({ env: { LANG: 'en_US.UTF-8' }, flag: true })).toBe(true);
  });
});
