// Findings from a live S3 listing: what the sidecar itself would make of the prefix, and the lifecycle rule.
import { describe, expect, it } from 'vitest';
import type { StoreListing } from '../../src/model/backup';
import { MINUTE } from '../../src/model/time';
import { T0, backupOf, healthySnapshot, withBackup } from '../fixtures/snapshot-builder';
import { findings, rules, theFinding } from './helpers';

const s0 = healthySnapshot();
const metalDb = backupOf(s0, 'metal-db');
const LISTING: StoreListing = { entries: metalDb.versions.length, foreignKeys: [], deletedKeys: [], lifecycle: { state: 'rule', id: 'r', newerNoncurrentVersions: 20 } };
const listed = (l: Partial<StoreListing>, extra: object = {}) => findings(withBackup(s0, 'metal-db', { listing: { ...LISTING, ...l }, ...extra }));

describe('backups: findings of the S3 listing', () => {
  it('a healthy listing adds nothing; the simulated rack (no listing) neither', () => {
    expect(rules(listed({})).filter((r) => r.startsWith('backup-'))).toEqual([]);
    expect(rules(findings(s0)).filter((r) => r.startsWith('backup-'))).toEqual([]);
  });

  it('more than 1,000 entries: the sidecar reads one page only', () => {
    const f = theFinding(listed({ entries: 1500 }), 'backup-over-1000-versions', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('1500 versions and delete markers');
  });

  it('a foreign key under the bare prefix: a warning, critical once it holds the newest version', () => {
    const older = { key: 'metal-db-old/db.tar.gz', versions: 3, newest: T0 - 60 * MINUTE };
    expect(theFinding(listed({ foreignKeys: [older] }), 'backup-prefix-overlap', 'metal-db').severity).toBe('warning');
    const newer = theFinding(listed({ foreignKeys: [{ ...older, newest: T0 }] }), 'backup-prefix-overlap', 'metal-db');
    expect(newer.severity).toBe('critical');
    expect(newer.summary).toContain('which now is metal-db-old/db.tar.gz');
  });

  it('a delete marker on top: says what the tool will see', () => {
    const f = theFinding(listed({ deletedKeys: [{ key: 'metal-db/db.tar.gz', time: T0 - MINUTE }] }), 'backup-delete-marker', 'metal-db');
    expect(f.summary).toContain('its newest entry is a delete marker');
    expect(f.hint).toContain('ignores delete markers');
  });

  it('no lifecycle rule (warning) and an unreadable one (info, the assumed count named)', () => {
    expect(theFinding(listed({ lifecycle: { state: 'none' } }), 'backup-lifecycle-missing', 'metal-db').severity).toBe('warning');
    const f = theFinding(listed({ lifecycle: { state: 'unreadable', reason: 'access denied' } }), 'backup-lifecycle-unreadable', 'metal-db');
    expect(f).toMatchObject({ severity: 'info' });
    expect(f.summary).toContain(`assuming ${metalDb.policy.versionsKept} kept versions`);
  });
});
