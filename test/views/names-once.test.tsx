// A name is said once (UX finding 32): no "spine spine" detail title, no "bootstrap bootstrap" or
// "initial control plane initial Gardener" finding, in the overview (the finding and its note) and the detail.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

describe('names said once', () => {
  it('k3s-lost: the overview says "bootstrap is down" and "control plane initial Gardener"; the spine detail is titled spine', async () => {
    const app = await setupApp({ scenario: 'k3s-lost', columns: 120, rows: 40, minutes: 1 });
    const overview = await app.waitFor(/bootstrap is down/);
    expect(overview).not.toMatch(/bootstrap bootstrap|control plane initial (metal-stack|Gardener)[^\n]*control plane initial|initial control plane initial/);
    expect(overview).toMatch(/control plane initial (Gardener|metal-stack) \(on k3s\) is not reachable/);
    await app.write('2');
    await app.waitFor(/\[2 Topology/);
    await app.write('/spine\r\r');
    const detail = await app.waitFor(/Topology > Node/);
    const title = detail.split('\n').find((l) => /Topology > Node/.test(l));
    const first = detail.split('\n')[detail.split('\n').indexOf(title ?? '') + 1] ?? '';
    expect(first).toMatch(/^│spine\s+│$/);
    app.stop();
  });
});
