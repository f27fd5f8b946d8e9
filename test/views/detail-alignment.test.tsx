// An aligned block in a detail stays aligned when a line in it is failing (UX finding 33): a shoot's conditions,
// its machines and a node's links carry their state in words and colour, without a symbol that shifts them right.
import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

const column = (screen: string, pattern: RegExp) => screen.split('\n').find((l) => pattern.test(l))?.search(pattern);

describe('aligned blocks in details', () => {
  it('a shoot\'s failing conditions start in the same column as the healthy ones', async () => {
    const app = await setupApp({ scenario: 'shoot-workers-lost', columns: 80, rows: 60, minutes: 10 });
    await app.write('5');
    await app.waitFor(/\[5 Shoots/);
    await app.write('\r');
    const detail = await app.waitFor(/Shoots > Shoot[\s\S]*ObservabilityComponentsHealthy\s+False/);
    expect(detail).not.toMatch(/\[X\] ObservabilityComponentsHealthy/);
    expect(column(detail, /ObservabilityComponentsHealthy/)).toBe(column(detail, /APIServerAvailable/));
    expect(column(detail, /EveryNodeReady/)).toBe(column(detail, /APIServerAvailable/));
    // Its machines: the lost worker (Unknown) is aligned with its firewall.
    expect(column(detail, /machine0[24] /)).toBe(column(detail, /machine0[13] /));
    app.stop();
  });
});
