import { describe, expect, it } from 'vitest';
import type { BackupVersion } from '../../src/model/backup';
import { MINUTE } from '../../src/model/time';
import { findings, rules, theFinding } from './helpers';
import { T0, backupOf, healthySnapshot, withBackup, withControlPlane, withIncident } from '../fixtures/snapshot-builder';

const s0 = healthySnapshot();
const metalDb = backupOf(s0, 'metal-db'); // every 3 min, 6 versions of ~18 MB, newest 1 min old, 10 kept
const older = (versions: readonly BackupVersion[], ms: number) => versions.map((v) => ({ ...v, time: v.time - ms }));

/** The failure from the mini-rack thesis: after losing k3s, the sidecar backed up a fresh empty database. */
function emptyBackupsOnTop(count: number): BackupVersion[] {
  const good = older(metalDb.versions, count * 3 * MINUTE).map((v) => ({ ...v, isLatest: false }));
  const empty = Array.from({ length: count }, (_, i) => ({
    versionId: `empty${i}-opaque-id`,
    key: 'metal-db/db.tar.gz',
    time: T0 - MINUTE - i * 3 * MINUTE,
    size: 2148 + i,
    isLatest: i === 0,
  }));
  return [...empty, ...good];
}

describe('backups: missing and overdue', () => {
  it('reports a component without any version as critical backup-missing, and nothing else about it', () => {
    const all = findings(withBackup(s0, 'metal-db', { versions: [] }));
    const f = theFinding(all, 'backup-missing', 'metal-db');
    expect(f).toMatchObject({ severity: 'critical', area: 'backups', subject: { kind: 'backup', label: 'metal-db' } });
    expect(rules(all)).toEqual(['backup-missing']);
  });

  it('warns when the newest backup is older than two intervals', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { versions: older(metalDb.versions, 9 * MINUTE) })), 'backup-overdue', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('10m old');
  });

  it('turns critical when the newest backup is older than ten intervals', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { versions: older(metalDb.versions, 40 * MINUTE) })), 'backup-overdue', 'metal-db');
    expect(f.severity).toBe('critical');
  });

  it('shows paused backups as "paused by operator", not as overdue', () => {
    const all = findings(withBackup(s0, 'metal-db', { paused: true, versions: older(metalDb.versions, 40 * MINUTE) }));
    const f = theFinding(all, 'backup-paused', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('paused by operator');
    expect(rules(all)).not.toContain('backup-overdue');
  });

  it('mentions freshly paused backups only as info', () => {
    expect(theFinding(findings(withBackup(s0, 'metal-db', { paused: true })), 'backup-paused', 'metal-db').severity).toBe('info');
  });

  it('a fence a rackpilot run left in place is a warning naming the run, since when, and how to end it (once, not also "by operator")', () => {
    const pausedBy = { componentId: 'metal-db', runId: '20261125-025500-abc123', runbook: 'recover', operator: 'ops@host', since: T0 - 5 * MINUTE, runState: 'running' as const, undo: '$ kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=1' };
    const all = findings(withBackup(s0, 'metal-db', { paused: true, pausedBy }));
    expect(all.filter((f) => f.rule === 'backup-paused')).toHaveLength(1);
    const f = theFinding(all, 'backup-paused', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(f.summary).toBe(
      'metal-db paused by recover run 20261125-025500-abc123 (ops@host) since 2026-05-04 09:55 UTC: its database is stopped, no backups are made (newest backup is 1m old); the run is unfinished: still going, or it crashed',
    );
    expect(f.hint).toBe('rackpilot recover offers to resume the run (its summary says what is still changed); or start it by hand: $ kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=1');
    const aborted = theFinding(findings(withBackup(s0, 'metal-db', { paused: true, pausedBy: { ...pausedBy, runState: 'aborted' } })), 'backup-paused', 'metal-db');
    expect(aborted.summary).toMatch(/the run was aborted$/);
    expect(aborted.hint).toMatch(/^continue with rackpilot recover, or start it by hand: \$ kubectl/);
    const drill = theFinding(findings(withBackup(s0, 'metal-db', { paused: true, pausedBy: { ...pausedBy, runbook: 'drill-inject' } })), 'backup-paused', 'metal-db');
    expect(drill.hint).toMatch(/^rackpilot drill --real --scenario empty-backup-after-restart offers to resume the run/);
  });
});

describe('backups: history', () => {
  it('warns when there are fewer versions than wanted', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { versions: metalDb.versions.slice(0, 1) })), 'backup-few-versions', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(findings(withBackup(s0, 'metal-db', { versions: metalDb.versions.slice(0, 1) }), { minVersions: 1 })).toEqual([]);
  });

  it('flags a newest version far smaller than the one before as a likely empty database', () => {
    const all = findings(withBackup(s0, 'metal-db', { versions: emptyBackupsOnTop(1) }));
    const f = theFinding(all, 'backup-size-drop', 'metal-db');
    expect(f.severity).toBe('critical');
    expect(f.summary).toContain('likely an empty database was backed up');
    expect(f.summary).toContain('2.1 KB');
    expect(f.summary).toContain('18.0 MB');
    expect(f.hint).toContain('do not let an automatic restore pick it');
    expect(f.hint).toContain('restore version v006-dbt');
    // 10 noncurrent versions kept, the good one is the newest noncurrent: it survives 10 more uploads.
    expect(f.hint).toContain('expires after 10 more backup(s) (~30m)');
  });

  it('keeps flagging the drop while empty backups keep coming, and counts down to expiry of the good version', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { versions: emptyBackupsOnTop(4) })), 'backup-size-drop', 'metal-db');
    expect(f.summary).toContain('4 small version(s)');
    expect(f.hint).toContain('expires after 7 more backup(s)');
  });

  it('warns that the good version may already be gone once the lifecycle rule passed it', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { versions: emptyBackupsOnTop(12) })), 'backup-size-drop', 'metal-db');
    expect(f.hint).toContain('may be expired at any moment');
  });

  it('does not flag a drop the database has grown back from', () => {
    const [a, b, ...rest] = metalDb.versions as BackupVersion[];
    const versions = [a, { ...(b as BackupVersion), size: 2000 }, ...rest] as BackupVersion[];
    expect(findings(withBackup(s0, 'metal-db', { versions }))).toEqual([]);
  });

  it('does not flag normal shrinking, e.g. after a compaction to 60%', () => {
    const versions = metalDb.versions.map((v, i) => (i === 0 ? { ...v, size: v.size * 0.6 } : v));
    expect(findings(withBackup(s0, 'metal-db', { versions }))).toEqual([]);
  });

  it('honours a custom size drop ratio', () => {
    const versions = metalDb.versions.map((v, i) => (i === 0 ? { ...v, size: v.size * 0.6 } : v));
    expect(rules(findings(withBackup(s0, 'metal-db', { versions }), { sizeDropRatio: 0.8 }))).toEqual(['backup-size-drop']);
  });
});

describe('backups: store', () => {
  it('reports a sidecar bucket without versioning as critical: the history of its one key is lost', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { store: { ...metalDb.store, versioning: 'Suspended' } })), 'backup-versioning-off', 'metal-db');
    expect(f.severity).toBe('critical');
    expect(f.summary).toContain('Suspended');
  });

  it('only warns when versioning cannot be read', () => {
    const f = theFinding(findings(withBackup(s0, 'metal-db', { store: { ...metalDb.store, versioning: 'unknown' } })), 'backup-versioning-off', 'metal-db');
    expect(f.severity).toBe('warning');
  });

  it('does not ask for versioning where the tool writes one object per snapshot', () => {
    expect(backupOf(s0, 'k3s-etcd').store.versioning).toBe('Off');
    expect(findings(s0)).toEqual([]);
  });

  it('reports a store inside the rack as critical', () => {
    const f = theFinding(findings(withBackup(s0, 'masterdata-db', { store: { ...metalDb.store, outsideRack: false } })), 'backup-store-in-rack', 'masterdata-db');
    expect(f.severity).toBe('critical');
  });
});

describe('backups: labels', () => {
  it('adds the owner to the label when two layers both have a component of that name', () => {
    const nested = { ...metalDb, id: 'nested-metal-db', owner: 'ops/metal-cp', versions: [] };
    const all = findings({ ...s0, backups: [...s0.backups, nested] });
    expect(theFinding(all, 'backup-missing', 'nested-metal-db').subject.label).toBe('metal-db (ops/metal-cp)');
  });
});

describe('backups: incident', () => {
  it('warns that a version written after the incident started may not contain the wanted data, where the incident touches it', () => {
    // The incident took the initial metal-stack down: its databases' newest versions are suspect.
    const down = withControlPlane(s0, 'initial-metal-stack', { name: 'initial metal-stack', reachable: false });
    const s = withIncident(down, { startedAt: T0 - 5 * MINUTE, label: 'k3s lost' });
    const all = findings(s);
    const f = theFinding(all, 'backup-after-incident', 'metal-db');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('it may not contain the data you want');
    expect(f.hint).toContain('v004-dbt');
    // k3s-etcd (hourly, newest 1 min old) is after the start too, but its k3s is well: not flagged.
    expect(all.filter((x) => x.rule === 'backup-after-incident').map((x) => x.subject.id).sort()).toEqual(['masterdata-db', 'metal-db']);
  });

  it('does not cry wolf: an incident that is over, or never touched a component, flags nothing, unless a version also shrank', () => {
    const s = withIncident(s0, { startedAt: T0 - 5 * MINUTE, label: 'machine-reboot' });
    expect(rules(findings(s))).not.toContain('backup-after-incident');
    // 85 % of the last good version after the start: suspect even though nothing is down now.
    const versions = metalDb.versions.map((v, i) => (i === 0 ? { ...v, size: Math.round(0.85 * (metalDb.versions[1]?.size ?? 0)) } : v));
    const shrunk = withIncident(withBackup(s0, 'metal-db', { versions }), { startedAt: T0 - 5 * MINUTE, label: 'machine-reboot' });
    expect(findings(shrunk).filter((x) => x.rule === 'backup-after-incident').map((x) => x.subject.id)).toEqual(['metal-db']);
  });

  it('stays quiet about a copy a restore made the newest after the incident: it holds data from before (the judge agrees)', () => {
    const s = withIncident(s0, { startedAt: T0 - 5 * MINUTE, label: 'k3s lost' });
    const source = metalDb.versions[3] as BackupVersion;
    const copy: BackupVersion = { ...source, versionId: 'copy-of-v003', time: T0 - 30_000, isLatest: true, copyOf: { versionId: source.versionId, time: source.time } };
    const restored = withBackup(s, 'metal-db', { versions: [copy, ...metalDb.versions.map((v) => ({ ...v, isLatest: false }))] });
    expect(findings(restored).filter((f) => f.rule === 'backup-after-incident').map((f) => f.subject.id)).not.toContain('metal-db');
  });

  it('stays quiet when the newest version predates the incident', () => {
    expect(findings(withIncident(s0, { startedAt: T0, label: 'leaf01 replaced' }))).toEqual([]);
  });
});
