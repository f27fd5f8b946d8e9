// Counts as a person says them (UX finding 32): "1 machine", "4 machines", never "4 machine(s)".
import { describe, expect, it } from 'vitest';
import { counted, noun } from '../../src/text/count';

describe('counted', () => {
  it('says one and many', () => {
    expect(counted(1, 'machine')).toBe('1 machine');
    expect(counted(4, 'machine')).toBe('4 machines');
    expect(counted(0, 'switch', 'switches')).toBe('0 switches');
    expect(noun(2, 'control plane')).toBe('control planes');
  });
});
