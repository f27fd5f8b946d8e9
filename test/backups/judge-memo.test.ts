import { describe, expect, it } from 'vitest';
import { judgeBackups, memoJudge } from '../../src/backups/judge';
import type { BackupComponent } from '../../src/model/backup';
import { component, MIN, T } from '../fixtures/backup-series';

const options = { sizeDropRatio: 0.5 };

/** The same component as the next snapshot carries it: a new object, its versions list the same one. */
const copied = (c: BackupComponent): BackupComponent => ({ ...c });

describe('the store memo of the backup judge', () => {
  it('keeps the verdict object (and the map) of a component whose versions list is the same object', () => {
    const judge = memoJudge();
    const c = component([18_800_000, 18_750_000, 100]);
    const first = judge([c], options);
    const second = judge([copied(c)], options);
    expect(second.get(c.id)).toBe(first.get(c.id));
    expect(second).toBe(first);
    // What the memo keeps is what the judge says.
    expect(first.get(c.id)).toEqual(judgeBackups([c], options).get(c.id));
  });

  it('judges again when a version is added, and says what the judge says of the new list', () => {
    const judge = memoJudge();
    const c = component([18_800_000, 18_750_000]);
    const first = judge([c], options);
    const newest = { ...(c.versions[0] as BackupComponent['versions'][number]), versionId: 'v03-opaque-id', time: T + 3 * MIN, size: 2100 };
    const grown = { ...c, versions: [newest, ...c.versions.map((v) => ({ ...v, isLatest: false }))] };
    const second = judge([grown], options);
    expect(second.get(c.id)).not.toBe(first.get(c.id));
    expect(second).not.toBe(first);
    expect(second.get(c.id)?.versions).toHaveLength(3);
    expect(second.get(c.id)?.sizeDrop).toEqual({ badCount: 1 });
    expect(second.get(c.id)).toEqual(judgeBackups([grown], options).get(c.id));
  });

  it('judges again when the incident, its reach or the ratio changes, though the versions did not', () => {
    const judge = memoJudge();
    const c = component([18_800_000, 18_750_000, 18_700_000]);
    const calm = judge([c], options).get(c.id);
    const incident = { ...options, incidentStart: T - 2 * MIN };
    const during = judge([c], incident).get(c.id);
    expect(during).not.toBe(calm);
    expect(during?.versions[0]?.flags).toEqual(['after-incident']);
    const untouched = judge([c], { ...incident, touched: () => false }).get(c.id);
    expect(untouched?.versions[0]?.flags).toEqual([]);
    expect(judge([c], { sizeDropRatio: 0.3 }).get(c.id)).not.toBe(calm);
  });

  it('keeps every verdict when an incident starts after the newest version, touched or not', () => {
    const judge = memoJudge();
    const c = component([18_800_000, 18_750_000, 18_700_000]);
    const calm = judge([c], options);
    const later = { ...options, incidentStart: T + 10 * MIN };
    expect(judge([c], { ...later, touched: () => true })).toBe(calm);
    expect(judge([c], { ...later, touched: () => false })).toBe(calm);
    // The same verdict the judge gives under that incident.
    expect(calm.get(c.id)).toEqual(judgeBackups([c], later).get(c.id));
    // An earlier start that reaches the newest version judges again.
    expect(judge([c], { ...options, incidentStart: T - 2 * MIN }).get(c.id)?.versions[0]?.flags).toEqual(['after-incident']);
  });

  it('a component that is gone leaves the verdicts; one that comes is judged', () => {
    const judge = memoJudge();
    const a = component([100, 100]);
    const b = { ...component([100, 100]), id: 'other' };
    expect([...judge([a, b], options).keys()]).toEqual([a.id, 'other']);
    expect([...judge([b], options).keys()]).toEqual(['other']);
    expect([...judge([b, a], options).keys()]).toEqual(['other', a.id]);
  });
});
