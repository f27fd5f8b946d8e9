// Enter jumps from an overview finding to its subject; → and l do the same; the footer says "Enter jump" only there.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
const RIGHT = '\u001b[C';

describe('Enter jump, and its second keys', () => {
  it('the overview offers "Enter jump" on a finding with a subject; l and → jump like Enter; the pane and a detail offer no jump', async () => {
    const { write, waitFor } = await setupApp({ scenario: 'rack-lost', minutes: 10 });
    // The first row is the cause naming the lost hosts: Enter goes to the first of them.
    const overview = await waitFor(/-> bring the hosts back first/);
    expect(footer(overview)).toMatch(/Enter jump/);
    expect(footer(overview)).not.toMatch(/Enter open/);
    await write('l');
    const topology = await waitFor(/\[2 Topology/);
    expect(topology).toMatch(/>\S*\s+\S*\s*bootstrap/);
    expect(footer(topology)).toMatch(/Enter open/);
    expect(footer(topology)).not.toMatch(/jump/);
    // l and → move nothing where Enter does not jump.
    await write(`l${RIGHT}`);
    expect(footer(await waitFor(/\[2 Topology/))).toMatch(/Enter open/);
    await write('\r');
    const detail = await waitFor(/Topology > /);
    expect(footer(detail)).not.toMatch(/jump/);
    expect(footer(detail)).toMatch(/Esc back/);
    await write('\u001b1');
    await waitFor(/\[1 Overview[\s\S]*Enter jump/);
    await write(RIGHT);
    await waitFor(/\[2 Topology/);
  });
});
