// Names said once: a node or a control plane whose name already says its kind is not named twice (UX finding 32).
import { describe, expect, it } from 'vitest';
import { withKind } from '../../src/text/names';

describe('withKind', () => {
  it('adds the kind only where the name does not say it', () => {
    expect(withKind('spine', 'spine')).toBe('spine');
    expect(withKind('bootstrap', 'bootstrap')).toBe('bootstrap');
    expect(withKind('leaf', 'leaf01')).toBe('leaf01');
    expect(withKind('leaf', 'p001-sw1')).toBe('leaf p001-sw1');
  });
});
