// A switch's detail names what metal-core last reported of it, next to its links and sessions.
import { describe, expect, it } from 'vitest';
import { nodeDetail } from '../../src/present/node-detail';
import { switchFromObject } from '../../src/sources/metal-api/switch-object';
import { switchFixture } from '../fixtures/metal-api/switches';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';

const text = (lines: ReturnType<typeof nodeDetail>) => lines.map((l) => ('text' in l ? l.text : JSON.stringify(l)));

describe('node detail of a switch metal-api knows', () => {
  it("shows OS, metal-core version, the last sync and a failing one with metal-core's error", () => {
    const leaf = switchFromObject(switchFixture('leaf01', { synced: T0 - 120_000, syncError: { at: T0 - 30_000, error: 'redis timeout' }, ports: [] }));
    const lines = text(nodeDetail({ ...healthySnapshot(), switches: [leaf] }, 'leaf01'));
    expect(lines.join('\n')).toContain('SONiC 202311, metal-core v0.13.0; last sync 2m ago; failing since 30s ago: redis timeout');
  });

  it('has no metal-api line where metal-api does not know the switch', () => {
    expect(text(nodeDetail(healthySnapshot(), 'leaf01')).join('\n')).not.toContain('metal-core');
  });
});
