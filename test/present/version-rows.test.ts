import { describe, expect, it } from 'vitest';
import { judgeBackup } from '../../src/backups/judge';
import { DEFAULT_HEALTH_OPTIONS } from '../../src/model/health-options';
import { versionRows } from '../../src/present/version-rows';
import { backupOf, healthySnapshot } from '../fixtures/snapshot-builder';

const s = healthySnapshot();

function table(id: string, rename?: (i: number) => string) {
  const b = backupOf(s, id);
  const component = rename ? { ...b, versions: b.versions.map((v, i) => ({ ...v, key: `${id}/${rename(i)}` })) } : b;
  return versionRows(component, judgeBackup(component, { sizeDropRatio: DEFAULT_HEALTH_OPTIONS.sizeDropRatio }), { now: s.takenAt, incidentStart: undefined });
}

describe('the version table names each version the way its restore is confirmed', () => {
  it('by S3 VersionId for backup-restore-sidecar, marking the latest', () => {
    const t = table('metal-db');
    expect(t.columns.at(-1)?.title).toBe('VERSION ID');
    expect(t.rows[0]?.cells.at(-1)).toMatch(/^v006-dbtargz-opaque \(latest\)$/);
  });

  it('by snapshot name for k3s etcd, whose snapshots are separate objects, not versions of one key', () => {
    const t = table('k3s-etcd', (i) => `etcd-snapshot-bootstrap-17959${String(96807 - i * 3600)}`);
    expect(t.columns.at(-1)?.title).toBe('SNAPSHOT');
    expect(t.rows.map((r) => r.cells.at(-1))[0]).toBe('etcd-snapshot-bootstrap-1795996807');
  });
});
