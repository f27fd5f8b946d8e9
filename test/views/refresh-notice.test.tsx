// `r` says that it refreshed: the footer tells for a moment, then shows the keys again.
import { describe, it } from 'vitest';
import { setupApp } from './app-setup';

describe('r', () => {
  it('says that every source polls now, for a moment, then the keys come back', async () => {
    const { write, waitFor } = await setupApp({ columns: 80, rows: 24 });
    await write('r');
    await waitFor(/r: every source polls now \(\d\d:\d\d:\d\dZ\)/);
    await waitFor(/\? help {2}q quit/, 4_000);
  });
});
