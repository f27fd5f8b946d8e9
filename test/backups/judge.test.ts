import { describe, expect, it } from 'vitest';
import { beforeIncident, confirmationText, judgeBackup, overrideWord, versionName } from '../../src/backups/judge';
import type { BackupVersion } from '../../src/model/backup';
import { component, MIN, T } from '../fixtures/backup-series';

const judge = (sizes: readonly number[], incidentStart?: number, sizeDropRatio = 0.5) =>
  judgeBackup(component(sizes), { sizeDropRatio, ...(incidentStart !== undefined ? { incidentStart } : {}) });

describe('the backup version judge', () => {
  it('marks a run of near-empty newest versions and proposes the last good one, not the newest', () => {
    const v = judge([2100, 2148, 2151, 18_734_422, 18_700_000, 18_650_000]);
    expect(v.versions.map((j) => j.good)).toEqual([false, false, false, true, true, true]);
    expect(v.versions[0]?.flags).toEqual(['much-smaller']);
    expect(v.proposal?.version.versionId).toBe('v03-opaque-id');
    expect(v.sizeDrop).toEqual({ badCount: 3 });
  });

  it('with sizes 20, 45, 100 flags both small ones and proposes the 100 (every consumer reads this)', () => {
    const v = judge([20, 45, 100]);
    expect(v.versions.map((j) => j.flags)).toEqual([['much-smaller'], ['much-smaller'], []]);
    expect(v.proposal?.version.size).toBe(100);
    expect(v.sizeDrop?.badCount).toBe(2);
  });

  it('honours the configured ratio', () => {
    expect(judge([40, 100, 100]).proposal?.version.size).toBe(100);
    expect(judge([40, 100, 100], undefined, 0.3).proposal?.version.size).toBe(40);
  });

  it('marks versions taken after the incident started, with how long before or after', () => {
    const v = judge([18_800_000, 18_750_000, 18_700_000], T - 2 * MIN);
    expect(v.versions[0]?.flags).toEqual(['after-incident']);
    expect(beforeIncident(v.versions[0]?.version as BackupVersion, T - 2 * MIN)).toBe(-2 * MIN);
    expect(v.versions[1]?.good).toBe(true);
    expect(beforeIncident(v.versions[1]?.version as BackupVersion, T - 2 * MIN)).toBe(MIN);
    expect(v.proposal?.version.versionId).toBe('v02-opaque-id');
    // After the incident is not "looks empty": no size drop.
    expect(v.sizeDrop).toBeUndefined();
  });

  it('judges a restored copy by the time of the version it copies', () => {
    const c = component([18_800_000, 18_750_000]);
    const copy = { ...(c.versions[0] as BackupVersion), copyOf: { versionId: 'v01-opaque-id', time: T - 10 * MIN } };
    const v = judgeBackup({ ...c, versions: [copy, ...c.versions.slice(1)] }, { sizeDropRatio: 0.5, incidentStart: T - 5 * MIN });
    expect(v.versions[0]?.good).toBe(true);
    expect(beforeIncident(copy, T - 5 * MIN)).toBe(5 * MIN);
  });

  it('a database that grows back after a small dip is not flagged forever', () => {
    expect(judge([19_000_000, 18_000_000, 17_000_000]).versions.every((j) => j.good)).toBe(true);
    const dip = judge([19_000_000, 2000, 17_000_000]);
    expect(dip.versions.map((j) => j.good)).toEqual([true, false, true]);
    expect(dip.sizeDrop).toBeUndefined();
  });

  it('a zero-byte version is empty whatever came before it', () => {
    expect(judge([0]).versions[0]?.flags).toEqual(['empty']);
    expect(judge([0, 5]).sizeDrop).toEqual({ badCount: 1 });
  });

  it('proposes nothing when every version looks wrong', () => {
    expect(judge([100, 100], T - 60 * MIN).proposal).toBeUndefined();
  });

  it('counts the uploads until the lifecycle rule expires each version', () => {
    const v = judge([5, 5, 5]);
    // 20 noncurrent versions kept: the newest noncurrent survives 20 more uploads, the current one 21.
    expect(v.versions.map((j) => j.uploadsLeft)).toEqual([21, 20, 19]);
  });
});

describe('naming and confirming a version', () => {
  it('the sidecar confirmation is the component id and the first 8 characters of the version id', () => {
    const v = judge([5, 5]);
    expect(confirmationText(component([5, 5]), v.versions[0] as never)).toBe('initial-metal-db v02-opaq');
  });

  it('a flagged version needs the override word too', () => {
    const v = judge([1, 100]);
    expect(overrideWord(v.versions[0]?.flags ?? [])).toBe('EMPTY');
    expect(confirmationText(component([1, 100]), v.versions[0] as never)).toBe('initial-metal-db v02-opaq EMPTY');
    const late = judge([100, 100], T - MIN);
    expect(confirmationText(component([100, 100]), late.versions[0] as never)).toBe('initial-metal-db v02-opaq AFTER-INCIDENT');
  });

  it('k3s snapshots are separate objects: the operator confirms the snapshot name', () => {
    const c = component([5, 5], 3 * MIN, 'k3s-etcd-snapshot');
    const v = judgeBackup(c, { sizeDropRatio: 0.5 });
    expect(versionName(c, c.versions[0] as BackupVersion)).toBe('etcd-snapshot-bootstrap-1795996807');
    expect(confirmationText(c, v.versions[0] as never)).toBe('initial-metal-db etcd-snapshot-bootstrap-1795996807');
  });
});
