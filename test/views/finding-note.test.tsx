// The overview shows the selected finding whole, with its hint: the list's rows cut both.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

describe('the selected finding under the overview list', () => {
  it('shows its whole summary and its hint at 80x24, and follows the selection', async () => {
    const { write, waitFor } = await setupApp({ scenario: 'rack-lost', minutes: 10, columns: 80, rows: 24 });
    // The first row is the cause: the lost hosts, and what to do first.
    const first = await waitFor(/-> bring the hosts back first/);
    expect(first).toMatch(/\[X\] 5 hosts down: bootstrap, machine01/);
    await write('j');
    const host = await waitFor(/-> check the bootstrap node: k3s and the initial control plane run there/);
    expect(host).toMatch(/(?<!bootstrap )bootstrap is down \(not reachable\)/);
    // Under the bootstrap node, the k3s it ran: the row cuts its summary, the note has it whole.
    await write('j');
    const second = await waitFor(/-> production \(nested\) control planes and shoots keep running/);
    expect(second).toMatch(/initial control plane k3s is not reachable: bootstrap node down:[\s│]+connection timed out; last seen/);
  });

  it('shows nothing under an empty list', async () => {
    const { screen, waitFor } = await setupApp({ columns: 80, rows: 24 });
    await waitFor(/no findings/);
    expect(screen()).not.toMatch(/^│-> /m);
  });
});
