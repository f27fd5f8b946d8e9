import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackupVersion } from '../../src/model/backup';
import { paneDetail } from '../../src/present/pane-content';
import { statusJson } from '../../src/present/status-json';
import { assess } from '../../src/store/assess';
import { healthySnapshot } from '../fixtures/snapshot-builder';

/**
 * One judge: for any series of backup versions, the health hint, the Backups pane, `status --json` and the
 * recovery wizard name the same version to restore and mark the same versions as wrong.
 */
const base = healthySnapshot();
const metalDb = base.backups.find((b) => b.id === 'metal-db');
if (!metalDb) throw new Error('fixture has no metal-db');

const series = fc.record({
  // Sizes newest first: a mix of empty-looking and real ones.
  sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1_000_000, max: 30_000_000 })), { minLength: 1, maxLength: 25 }),
  ratio: fc.constantFrom(0.3, 0.5, 0.8),
  // Where the incident started, as an index into the series (none: no incident).
  incidentAt: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
});

function snapshotOf(sizes: readonly number[], ratio: number, incidentAt: number | undefined) {
  const newest = base.takenAt - 60_000;
  const versions: BackupVersion[] = sizes.map((size, i) => ({ versionId: `ver${String(i).padStart(3, '0')}xyz`, key: 'metal-db/db.tar.gz', time: newest - i * 180_000, size, isLatest: i === 0 }));
  const incident = incidentAt === undefined ? undefined : { startedAt: newest - incidentAt * 180_000 + 1, label: 'drill' };
  const backups = base.backups.map((b) => (b.id === 'metal-db' ? { ...b, versions, policy: { ...b.policy, versionsKept: 30 } } : b));
  return assess({ ...base, backups, ...(incident ? { incident } : {}) }, { sizeDropRatio: ratio });
}

describe('every view of a backup agrees with the one judge', () => {
  it('health hint, pane marks and status --json name the same proposal for random series', () => {
    fc.assert(
      fc.property(series, ({ sizes, ratio, incidentAt }) => {
        const s = snapshotOf(sizes, ratio, incidentAt);
        const verdict = s.backupVerdicts.get('metal-db');
        if (!verdict) throw new Error('no verdict');
        const proposal = verdict.proposal?.version.versionId;

        // Health: a size drop on the newest version names the proposal (or says there is none).
        const drop = s.findings.find((f) => f.rule === 'backup-size-drop' && f.subject.id === 'metal-db');
        expect(drop !== undefined).toBe(verdict.sizeDrop !== undefined);
        if (drop) expect(drop.hint).toContain(proposal ? `restore version ${proposal.slice(0, 8)}` : 'no version looks good');
        const late = s.findings.find((f) => f.rule === 'backup-after-incident' && f.subject.id === 'metal-db');
        if (late) expect(late.hint).toContain(proposal ? proposal.slice(0, 8) : 'none');

        // Pane: a row is marked exactly when the judge flags it, and the proposal is the one "good, proposed" row.
        const detail = paneDetail('backups', 'metal-db', s, s.findings);
        if (detail?.kind !== 'table') throw new Error('no version table');
        const rows = detail.table.rows;
        expect(rows.map((r) => r.tone !== undefined)).toEqual(verdict.versions.map((j) => !j.good));
        expect(rows.filter((r) => r.cells.includes('good, proposed')).map((r) => r.id)).toEqual(proposal ? [proposal] : []);
        expect(rows.find((r) => r.tone === undefined)?.id).toBe(proposal);

        // status --json: the same proposal, and the newest is suspicious exactly when the judge flags it.
        const json = statusJson({ snapshot: s, areas: [], findings: s.findings, notices: [], verdict: 'healthy', exitCode: 0 });
        const entry = json.backups.find((b) => b.id === 'metal-db');
        expect(entry?.proposal?.versionId ?? undefined).toBe(proposal);
        expect(entry?.newest?.suspicious).toBe(!verdict.versions[0]?.good);
      }),
      { numRuns: 300 },
    );
  });
});
