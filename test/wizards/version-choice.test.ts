import { describe, expect, it } from 'vitest';
import type { BackupComponent, BackupVersion } from '../../src/model/backup';
import { assessVersions, confirmationText, preselectVersion } from '../../src/wizards/version-choice';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 25, 3, 0, 0);

function component(sizes: number[], step = 3 * MIN): BackupComponent {
  // sizes newest first
  const versions: BackupVersion[] = sizes.map((size, i) => ({
    versionId: `v${String(sizes.length - i).padStart(2, '0')}-opaque-id`,
    key: 'metal-db/db.tar.gz',
    time: T - i * step,
    size,
    isLatest: i === 0,
  }));
  return {
    id: 'initial-metal-db',
    name: 'metal-db',
    database: 'rethinkdb',
    tool: 'backup-restore-sidecar',
    owner: 'initial metal-stack',
    store: { provider: 's3', endpoint: 'https://s3', bucket: 'b', prefix: 'metal-db', outsideRack: true, versioning: 'Enabled' },
    policy: { schedule: '*/3 * * * *', interval: 3 * MIN, versionsKept: 20 },
    versions,
    paused: false,
  };
}

describe('choosing the backup version to restore', () => {
  it('marks a run of near-empty newest versions and proposes the last good one, not the newest', () => {
    const c = component([2100, 2148, 2151, 18_734_422, 18_700_000, 18_650_000]);
    const assessed = assessVersions(c);
    expect(assessed.map((a) => a.good)).toEqual([false, false, false, true, true, true]);
    expect(assessed[0]?.flags).toEqual(['much-smaller']);
    expect(preselectVersion(assessed)?.version.versionId).toBe(c.versions[3]?.versionId);
  });

  it('marks versions taken after the incident started, with how long before or after', () => {
    const c = component([18_800_000, 18_750_000, 18_700_000]);
    const assessed = assessVersions(c, T - 2 * MIN);
    expect(assessed[0]?.flags).toEqual(['after-incident']);
    expect(assessed[0]?.beforeIncident).toBe(-2 * MIN);
    expect(assessed[1]?.good).toBe(true);
    expect(assessed[1]?.beforeIncident).toBe(MIN);
    expect(preselectVersion(assessed)?.version.versionId).toBe(c.versions[1]?.versionId);
  });

  it('a database that grows back after a small dip is not flagged forever', () => {
    const assessed = assessVersions(component([19_000_000, 18_000_000, 17_000_000]));
    expect(assessed.every((a) => a.good)).toBe(true);
  });

  it('proposes nothing when every version looks wrong', () => {
    const assessed = assessVersions(component([100, 100]), T - 60 * MIN);
    expect(preselectVersion(assessed)).toBeUndefined();
  });

  it('the confirmation is the component id and the first 8 characters of the version id', () => {
    expect(confirmationText(component([1]), '3HL4kqtJlcpXroDTDmJ')).toBe('initial-metal-db 3HL4kqtJ');
  });
});
