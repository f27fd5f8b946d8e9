import { describe, expect, it } from 'vitest';
import { Footer } from '../../views/components/Footer';
import { plain, renderThemed } from './helpers';

describe('Footer', () => {
  it('shows the list keys on one line that fits 80 columns', () => {
    const frame = plain(renderThemed(<Footer scope="list" readOnly={false} simulated={false} width={80} />).lastFrame());
    // A real rack: the wizards have no real executors yet, so w is not offered.
    expect(frame).toBe('Tab pane  ↑↓ move  Enter open  / filter  ? help  q quit');
  });

  it('offers "! inject" on a simulated rack, and hides it when read-only', () => {
    const sim = plain(renderThemed(<Footer scope="list" readOnly={false} simulated width={80} />).lastFrame());
    expect(sim).toContain('! inject');
    expect(sim).toContain('w wizard');
    const readOnly = plain(renderThemed(<Footer scope="list" readOnly simulated width={80} />).lastFrame());
    expect(readOnly).not.toContain('inject');
  });

  it('shows the detail keys while a detail is open, and no "Enter jump": Enter jumps from nowhere there', () => {
    const frame = plain(renderThemed(<Footer scope="detail" readOnly={false} simulated={false} width={80} />).lastFrame());
    expect(frame).not.toContain('jump');
    expect(frame).toContain('Esc back');
  });

  it('says "Enter jump" instead of "Enter open" where Enter jumps', () => {
    const frame = plain(renderThemed(<Footer scope="list" readOnly={false} simulated={false} jumps width={80} />).lastFrame());
    expect(frame).toBe('Tab pane  ↑↓ move  Enter jump  / filter  ? help  q quit');
  });

  it('says Up/Dn instead of arrows in ASCII mode', () => {
    const frame = plain(
      renderThemed(<Footer scope="list" readOnly={false} simulated={false} width={80} />, { ascii: true }).lastFrame(),
    );
    expect(frame).toContain('Up/Dn move');
    expect(frame).not.toMatch(/[↑↓]/);
  });
});
