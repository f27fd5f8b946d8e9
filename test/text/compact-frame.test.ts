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
});
