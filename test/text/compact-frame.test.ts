import { describe, expect, it } from 'vitest';
import { compactFrame } from '../../src/text/compact-frame';

const E = '\x1b[E';

describe('compactFrame', () => {
  it('writes a clock-only frame in a few dozen bytes: one step down the unchanged lines, one reset for the styles', () => {
    const frame = `\x1b[47A\x1b[159G\x1b[K\x1b[1m\x1b[22m\x1b[34m\x1b[39m5Z\n${E.repeat(46)}`;
    expect(compactFrame(frame)).toBe('\x1b[47A\x1b[159G\x1b[K\x1b[m5Z\n\x1b[46E');
  });

  it('leaves single steps, other sequences and text as they are', () => {
    const frame = `a${E}b\x1b[2Kc${E}`;
    expect(compactFrame(frame)).toBe(frame);
    expect(compactFrame(`x${E}${E}y${E}${E}${E}`)).toBe('x\x1b[2Ey\x1b[3E');
  });

  it('keeps replayed styles that leave something on, or that it does not know', () => {
    for (const styles of ['\x1b[1m\x1b[34m\x1b[39m', '\x1b[7m', '\x1b[38;5;12m\x1b[1m\x1b[22m', '\x1b[21m\x1b[24m', '\x1b[53m\x1b[0m']) {
      const frame = `\x1b[10G\x1b[K${styles}text`;
      expect(compactFrame(frame)).toBe(frame);
    }
    expect(compactFrame('\x1b[10G\x1b[K\x1b[38;2;1;2;3m\x1b[39m\x1b[7m\x1b[27mtext')).toBe('\x1b[10G\x1b[K\x1b[mtext');
  });

  it('steps over the blank padding right of an erase on the same line, and only where a space would look blank', () => {
    const pad = ' '.repeat(82);
    // The overview's backup age: text, padding to the border, the border.
    expect(compactFrame(`\x1b[8E\x1b[48G\x1b[K\x1b[m6s ago, 10/10 outside rack${pad}\x1b[34m│\x1b[39m\r\n\x1b[38E`)).toBe(
      '\x1b[8E\x1b[48G\x1b[K\x1b[m6s ago, 10/10 outside rack\x1b[82C\x1b[34m│\x1b[39m\r\n\x1b[38E',
    );
    // Bold and colours do not show on a space; a short run stays.
    expect(compactFrame(`\x1b[5G\x1b[K\x1b[1m\x1b[31mx${pad}\x1b[39m\x1b[22my    z`)).toBe(`\x1b[5G\x1b[K\x1b[1m\x1b[31mx\x1b[82C\x1b[39m\x1b[22my    z`);
  });

  it('writes the spaces where they are not blank: no erase, another line, a background, inverse, underline, an unknown code', () => {
    const pad = ' '.repeat(20);
    for (const frame of [
      `\x1b[5Gx${pad}|`,
      `\x1b[5G\x1b[Kx\r\n${pad}|`,
      `\x1b[5G\x1b[Kx\x1b[3G${pad}|`,
      `\x1b[5G\x1b[1Kx${pad}|`,
      `\x1b[5G\x1b[K\x1b[44mx${pad}\x1b[49m|`,
      `\x1b[5G\x1b[K\x1b[7mx${pad}\x1b[27m|`,
      `\x1b[5G\x1b[K\x1b[4mx${pad}\x1b[24m|`,
      `\x1b[5G\x1b[K\x1b[48;5;17mx${pad}|`,
      `\x1b[5G\x1b[K\x1b[53mx${pad}\x1b[39m|`,
      `\x1b[5G\x1b[K\x1b7x${pad}|`,
    ]) {
      expect(compactFrame(frame), JSON.stringify(frame)).toBe(frame);
    }
    // After an unknown code only a reset makes the state known again; after the background ends, blanks are blank.
    expect(compactFrame(`\x1b[5G\x1b[K\x1b[53m\x1b[39mx${pad}|`)).toBe(`\x1b[5G\x1b[K\x1b[53m\x1b[39mx${pad}|`);
    expect(compactFrame(`\x1b[5G\x1b[K\x1b[53m\x1b[mx${pad}|`)).toBe('\x1b[5G\x1b[K\x1b[53m\x1b[mx\x1b[20C|');
    expect(compactFrame(`\x1b[5G\x1b[K\x1b[44mx\x1b[49m${pad}|`)).toBe('\x1b[5G\x1b[K\x1b[44mx\x1b[49m\x1b[20C|');
  });
});
