// Help `?`: every key with its whole description at 80×24, grouped by where it works, scrolling to the end.
import { describe, expect, it } from 'vitest';
import { helpLines } from '../../src/present/help-lines';
import { setupApp } from './app-setup';

const texts = (readOnly: boolean, simulated: boolean, ascii = false) => helpLines({ readOnly, simulated }, ascii).map((l) => l.text);

describe('the help overlay', () => {
  it('groups keys under Anywhere, List, Detail, Filter and Menu; "!" only on a simulated rack that is not read-only; ASCII names', () => {
    const all = texts(false, true);
    for (const title of ['Anywhere', 'List', 'Detail', 'Filter', 'Menu']) expect(all).toContain(title);
    expect(all).toContain('  !          inject a failure scenario');
    expect(texts(true, true).join('\n')).not.toContain('inject');
    expect(texts(false, false).join('\n')).not.toContain('inject');
    expect(texts(false, true, true).join('\n')).toContain('Up k');
  });

  it('at 80x24 shows whole descriptions and scrolls to the last key', async () => {
    const { write, waitFor } = await setupApp({ columns: 80, rows: 24 });
    await write('?');
    const top = await waitFor(/Keys: Esc or \? closes/);
    expect(top).toContain('open a wizard: recover, bootstrap plan, drill');
    expect(top.split('\n').length).toBeLessThanOrEqual(24);
    await write('G');
    const end = await waitFor(/close the menu/);
    expect(end).toContain('clear and close the filter');
    await write('\u001b');
    await waitFor(/\[1 Overview\]/);
  });
});
