import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionName } from '../../src/backups/judge';
import type { BackupVersion } from '../../src/model/backup';
import { paneDetail } from '../../src/present/pane-content';
import { statusJson } from '../../src/present/status-json';
import { assess } from '../../src/store/assess';
import { buildOffer } from '../../src/wizards/engine/run-choice';
import { versionLines } from '../../src/wizards/operator/line-format';
import { healthySnapshot } from '../fixtures/snapshot-builder';
import { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { openSimRack } from '../../src/wizards/sim-adapter/rack-handle';

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

/** Every view of one component's backups against the judge's verdict on the snapshot. */
function agree(s: RackSnapshot, id: string): void {
  const verdict = s.backupVerdicts.get(id);
  if (!verdict) throw new Error('no verdict');
  const proposal = verdict.proposal?.version.versionId;

  // Health: a size drop on the newest version names the proposal (or says there is none).
  const drop = s.findings.find((f) => f.rule === 'backup-size-drop' && f.subject.id === id);
  expect(drop !== undefined).toBe(verdict.sizeDrop !== undefined);
  if (drop) expect(drop.hint).toContain(proposal ? `restore version ${proposal.slice(0, 8)}` : 'no version looks good');
  const late = s.findings.find((f) => f.rule === 'backup-after-incident' && f.subject.id === id);
  if (late) expect(late.hint).toContain(proposal ? proposal.slice(0, 8) : 'none');

  // Pane: a row is marked exactly when the judge flags it, and the proposal is the one "good, proposed" row.
  const detail = paneDetail('backups', id, s, s.findings);
  if (detail?.kind !== 'table') throw new Error('no version table');
  const rows = detail.table.rows;
  expect(rows.map((r) => r.tone !== undefined)).toEqual(verdict.versions.map((j) => !j.good));
  expect(rows.filter((r) => r.cells.includes('good, proposed')).map((r) => r.id)).toEqual(proposal ? [proposal] : []);
  expect(rows.find((r) => r.tone === undefined)?.id).toBe(proposal);

  // status --json: the same proposal, and the newest is suspicious exactly when the judge flags it.
  const json = statusJson({ snapshot: s, areas: [], findings: s.findings, notices: [], verdict: 'healthy', exitCode: 0 });
  const entry = json.backups.find((b) => b.id === id);
  expect(entry?.proposal?.versionId ?? undefined).toBe(proposal);
  expect(entry?.newest?.suspicious).toBe(!verdict.versions[0]?.good);

  // The wizard offers the same verdict and marks the same proposal in its version list.
  const offer = buildOffer(id, { snapshot: s, runId: 'r', params: {} });
  if (typeof offer === 'string') throw new Error(offer);
  expect(offer.verdict.proposal?.version.versionId).toBe(proposal);
  const marked = versionLines(offer).filter((l) => / > 20\d\d-/.test(l));
  const named = offer.verdict.proposal ? versionName(offer.component, offer.verdict.proposal.version) : '-none-';
  expect(marked.map((l) => l.includes(named))).toEqual(proposal ? [true] : []);
}

describe('every view of a backup agrees with the one judge', () => {
  it('health hint, pane marks, status --json and the wizard name the same proposal for random series', () => {
    fc.assert(
      fc.property(series, ({ sizes, ratio, incidentAt }) => agree(snapshotOf(sizes, ratio, incidentAt), 'metal-db')),
      { numRuns: 300 },
    );
  });

  it('and on a seeded simulated rack after an empty backup was uploaded', () => {
    const rack = openSimRack({ clock: new VirtualClock(Date.UTC(2026, 10, 25, 3)), rackName: 'r', seed: 11, scenario: 'empty-backup-after-restart', lead: 20 * 60_000 });
    const s = rack.snapshot();
    expect(s.backupVerdicts.get('initial-metal-db')?.sizeDrop?.badCount).toBeGreaterThan(1);
    for (const b of s.backups) agree(s, b.id);
  });
});
