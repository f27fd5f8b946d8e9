import { describe, expect, it } from 'vitest';
import { compactFrame } from '../../src/text/compact-frame';

const E = '\x1b[E';

describe('compactFrame', () => {
  it('writes a run of "next line" steps as one step with a count, so a clock-only frame is a few dozen bytes', () => {
    const frame = `\x1b[47A\x1b[159G\x1b[K5Z\n${E.repeat(46)}`;
    expect(compactFrame(frame)).toBe('\x1b[47A\x1b[159G\x1b[K5Z\n\x1b[46E');
  });

  it('leaves single steps, other sequences and text as they are', () => {
    const frame = `a${E}b\x1b[2Kc${E}`;
    expect(compactFrame(frame)).toBe(frame);
    expect(compactFrame(`x${E}${E}y${E}${E}${E}`)).toBe('x\x1b[2Ey\x1b[3E');
  });
});
