// ListObjectVersions pages sorted out as the sidecar would see them, and lifecycle rules read defensively.
import { describe, expect, it } from 'vitest';
import { lifecycleFacts } from '../../../src/sources/s3/lifecycle';
import { sortListing } from '../../../src/sources/s3/listing';
import { inNetworks } from '../../../src/sources/s3/in-rack';

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 7, 0, s));
const v = (Key: string, VersionId: string, s: number, Size = 100, IsLatest = false) => ({ Key, VersionId, LastModified: at(s), Size, IsLatest });

describe('s3 listing', () => {
  it('own versions newest first across pages, foreign keys and delete markers apart', () => {
    const pages = [
      { Versions: [v('metal-db/db.tar.gz', 'a', 30, 10, false), v('metal-db/db.tar.gz', 'b', 10)], DeleteMarkers: [{ Key: 'metal-db/db.tar.gz', VersionId: 'm', LastModified: at(40), IsLatest: true }], IsTruncated: true },
      { Versions: [v('metal-db/db.tar.gz', 'c', 20), v('metal-db-old/db.tar.gz', 'x', 50), v('metal-db/other/db.tar.gz', 'y', 5)], IsTruncated: false },
    ];
    const l = sortListing(pages, 'backup-restore-sidecar', 'metal-db');
    expect(l.versions.map((x) => x.versionId)).toEqual(['a', 'c', 'b']);
    expect(l.facts.entries).toBe(6);
    expect(l.facts.foreignKeys.map((k) => k.key)).toEqual(['metal-db-old/db.tar.gz', 'metal-db/other/db.tar.gz']);
    expect(l.facts.deletedKeys).toEqual([{ key: 'metal-db/db.tar.gz', time: at(40).getTime() }]);
  });

  it('an answer without a version id fails with the field named, not a crash later', () => {
    expect(() => sortListing([{ Versions: [{ Key: 'k', LastModified: at(1), Size: 1 }] }], 'k3s-etcd-snapshot', '')).toThrow(/page 1.*VersionId/);
  });

  it('lifecycle: the most specific enabled rule for the key prefix; radosgw keeps days only; odd rules skipped', () => {
    const rules = {
      Rules: [
        { ID: 'all', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
        { ID: 'metal-db-backup-restore-lifecycle', Status: 'Enabled', Filter: { Prefix: 'metal-db/' }, NoncurrentVersionExpiration: { NoncurrentDays: 14 } },
        { ID: 'off', Status: 'Disabled', Filter: { Prefix: 'metal-db/' }, NoncurrentVersionExpiration: { NewerNoncurrentVersions: 1 } },
        'garbage',
      ],
    };
    expect(lifecycleFacts(rules, 'metal-db/')).toEqual({ state: 'rule', id: 'metal-db-backup-restore-lifecycle', noncurrentDays: 14 });
    expect(lifecycleFacts(rules, 'ipam-db/')).toEqual({ state: 'rule', id: 'all', noncurrentDays: 90 });
    expect(lifecycleFacts(undefined, 'metal-db/')).toEqual({ state: 'none' });
    expect(lifecycleFacts({ Rules: 'nope' }, 'metal-db/')).toEqual({ state: 'none' });
  });

  it('IN-RACK: an address inside one of the networks', () => {
    expect(inNetworks(['10.1.2.3'], ['10.0.0.0/8'])).toBe(true);
    expect(inNetworks(['203.0.113.5'], ['10.0.0.0/8', '192.168.1.0/24'])).toBe(false);
    expect(inNetworks(['fd00::5'], ['fd00::/8'])).toBe(true);
  });
});
