import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { judgeBackups } from '../../src/backups/judge';
import { healthOptions } from '../../src/health';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

describe('backup verdicts from snapshot to snapshot', () => {
  it('a component whose versions did not change keeps its verdict object; one with a new version is judged anew, as the judge says', async () => {
    const clock = new VirtualClock(T0);
    const store = new RackStore({ clock, sources: [createSimSource({ clock })], rack: { name: 'mini-rack', simulated: true } });
    store.start();
    await clock.advance(1_000);
    const before = store.getSnapshot();
    // Long enough for some components to upload a version, short of most schedules.
    await clock.advance(10 * 60_000);
    const after = store.getSnapshot();
    await store.stop();
    expect(after.takenAt).toBeGreaterThan(before.takenAt);
    const kept = after.backups.filter((c) => before.backups.find((b) => b.id === c.id)?.versions === c.versions);
    const grown = after.backups.filter((c) => !kept.includes(c));
    expect(kept.length).toBeGreaterThan(0);
    expect(grown.length).toBeGreaterThan(0);
    for (const c of kept) expect(after.backupVerdicts.get(c.id)).toBe(before.backupVerdicts.get(c.id));
    for (const c of grown) expect(after.backupVerdicts.get(c.id)).not.toBe(before.backupVerdicts.get(c.id));
    // Kept or new, every verdict is the one the judge gives the snapshot's components now.
    const o = healthOptions();
    expect(after.backupVerdicts).toEqual(judgeBackups(after.backups, { sizeDropRatio: o.sizeDropRatio }));
  });
});
