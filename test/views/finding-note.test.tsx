// The overview shows the selected finding whole, with its hint: the list's rows cut both.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

describe('the selected finding under the overview list', () => {
  it('shows its whole summary and its hint at 80x24, and follows the selection', async () => {
    const { write, waitFor } = await setupApp({ scenario: 'rack-lost', minutes: 10, columns: 80, rows: 24 });
    const first = await waitFor(/-> check the bootstrap node: k3s and the initial control plane run there/);
    expect(first).toMatch(/(?<!bootstrap )bootstrap is down \(not reachable\)/);
    await write('j');
    const second = await waitFor(/EveryNodeReady is False \(NodesNotReady: Node\s/);
    // The summary the row cuts is whole here, wrapped.
    expect(second).toMatch(/not ready \(1 of 1\)\.\)/);
    expect(second).toMatch(/-> check the worker machines/);
  });

  it('shows nothing under an empty list', async () => {
    const { screen, waitFor } = await setupApp({ columns: 80, rows: 24 });
    await waitFor(/no findings/);
    expect(screen()).not.toMatch(/^│-> /m);
  });
});
