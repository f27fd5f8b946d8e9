/**
 * The S3 source against a real Ceph radosgw with object versioning (the S3 lab): versions of one key and the
 * backup judge's size drop, 1,500 versions over several pages, a delete marker on top, versioning Suspended and
 * never enabled, a key the sidecar's bare prefix also lists, a promoted copy's metadata, IN-RACK, and each way the
 * store can fail (wrong credentials, no bucket, endpoint refused or hanging): a clear finding or a source error,
 * never a crash. The test plays backup-restore-sidecar by writing versions itself.
 */
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSources } from '../../commands/backup-sources';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { BackupComponent } from '../../src/model/backup';
import type { RackSnapshot } from '../../src/model/snapshot';
import { RackStore } from '../../src/store/rack-store';
import { runCliAsync } from '../helpers/run-cli';
import { freePorts } from './proc';
import { ACCESS, type S3Lab, SECRET, s3LabAvailability, startS3Lab } from './s3/harness';

const availability = await s3LabAvailability();
const ENV = { LAB_AK: ACCESS, LAB_SK: SECRET, WRONG_SK: 'not-the-secret-xyz', WRONG_AK: 'NOSUCHACCESSKEY' };
const KB = 1024;

let lab: S3Lab;
let s3: S3Client;

const put = (Bucket: string, Key: string, size: number) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.alloc(size, 7) }));
const bucket = async (name: string, versioning?: 'Enabled' | 'Suspended') => {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  if (versioning === 'Suspended') await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  if (versioning) await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: versioning } }));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One entry of backups: with the lab's endpoint and keys; `extra` overrides. */
function entry(id: string, bucketName: string, extra = ''): string {
  return `  - { id: ${id}, endpoint: "${lab.endpoint}", bucket: ${bucketName}, accessKeyIdEnv: LAB_AK, secretAccessKeyEnv: LAB_SK, timeout: 2s${extra} }`;
}

/** Polls the sources of a config once (every source answered or failed) and returns the judged snapshot. */
async function snapshotOf(entries: string[], rack = ''): Promise<RackSnapshot> {
  const file = join(lab.dir, `rack-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `${rack}backups:\n${entries.join('\n')}\n`);
  const { config } = await loadConfig({ flags: { config: file }, env: { HOME: lab.dir } });
  const sources = backupSources(config.backups, config.rack.networks, ENV);
  const store = new RackStore({ clock: systemClock, sources, rack: { name: 'lab', simulated: false }, health: config.health });
  store.start();
  try {
    const deadline = Date.now() + 30_000;
    while (store.getSnapshot().sources.some((s) => s.state === 'pending')) {
      if (Date.now() > deadline) throw new Error(`sources still pending: ${JSON.stringify(store.getSnapshot().sources)}`);
      await sleep(100);
    }
    return store.getSnapshot();
  } finally {
    await store.stop();
  }
}

const component = (s: RackSnapshot, id: string) => s.backups.find((b) => b.id === id) as BackupComponent;
const rules = (s: RackSnapshot, id: string) => s.findings.filter((f) => f.subject.id === id).map((f) => `${f.rule}/${f.severity}`);
const sourceError = (s: RackSnapshot, id: string) => s.sources.find((x) => x.name === `backup ${id} (s3)`)?.lastError?.message ?? '';

describe.skipIf(!availability.ok)(`S3 source on a real radosgw${availability.ok ? '' : ` (skipped: ${availability.reason})`}`, () => {
  beforeAll(async () => {
    lab = await startS3Lab();
    s3 = new S3Client({ endpoint: lab.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET } });
  }, 180_000);
  afterAll(async () => {
    s3?.destroy();
    await lab?.stop();
  });

  it('versions of metal-db/db.tar.gz newest first; a tiny one after big ones is a size drop with the last good one proposed', async () => {
    await bucket('sidecar', 'Enabled');
    // The sidecar's own rule; radosgw keeps only NoncurrentDays of it (lab notes), so the count comes from config.
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'sidecar',
        LifecycleConfiguration: { Rules: [{ ID: 'metal-db-backup-restore-lifecycle', Status: 'Enabled', Filter: { Prefix: 'metal-db/' }, NoncurrentVersionExpiration: { NewerNoncurrentVersions: 20, NoncurrentDays: 14 } }] },
      }),
    );
    const ids: string[] = [];
    for (const size of [300 * KB, 310 * KB, 320 * KB, 200]) {
      ids.push((await put('sidecar', 'metal-db/db.tar.gz', size)).VersionId as string);
      await sleep(1100); // LastModified has whole seconds
    }
    const s = await snapshotOf([entry('metal-db', 'sidecar')]);
    const c = component(s, 'metal-db');
    expect(c.versions.map((v) => v.versionId)).toEqual([...ids].reverse());
    expect(c.versions.map((v) => v.size)).toEqual([200, 320 * KB, 310 * KB, 300 * KB]);
    expect(c.versions[0]?.isLatest).toBe(true);
    expect(c.store).toMatchObject({ versioning: 'Enabled', outsideRack: true, bucket: 'sidecar', prefix: 'metal-db' });
    expect(c.listing?.lifecycle).toMatchObject({ state: 'rule', id: 'metal-db-backup-restore-lifecycle', noncurrentDays: 14 });
    expect(c.policy.noncurrentDays).toBe(14);
    expect(rules(s, 'metal-db')).toContain('backup-size-drop/critical');
    expect(s.backupVerdicts.get('metal-db')?.proposal?.version.versionId).toBe(ids[2]);
    expect(s.findings.find((f) => f.rule === 'backup-size-drop')?.hint).toContain(ids[2]?.slice(0, 8));
  });

  it('a promoted copy carries the source version in its metadata and is read back as copyOf', async () => {
    const listed = component(await snapshotOf([entry('metal-db', 'sidecar')]), 'metal-db');
    const good = listed.versions[1] as BackupComponent['versions'][number];
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'sidecar',
        Key: good.key,
        CopySource: `sidecar/${good.key}?versionId=${good.versionId}`,
        MetadataDirective: 'REPLACE',
        Metadata: { 'rackpilot-restored-from': good.versionId, 'rackpilot-restored-from-time': new Date(good.time).toISOString() },
      }),
    );
    const s = await snapshotOf([entry('metal-db', 'sidecar')]);
    const c = component(s, 'metal-db');
    expect(c.versions[0]?.copyOf).toEqual({ versionId: good.versionId, time: good.time });
    expect(c.versions[0]?.size).toBe(good.size);
  });

  it('1,500 versions: every page is read, and the sidecar reading only 1,000 is a finding', async () => {
    await bucket('many', 'Enabled');
    const limit = pLimit(32);
    await Promise.all(Array.from({ length: 1500 }, (_, i) => limit(() => put('many', 'masterdata-db/db.tar.gz', 16 + (i % 7)))));
    const s = await snapshotOf([entry('masterdata-db', 'many')]);
    const c = component(s, 'masterdata-db');
    expect(c.versions).toHaveLength(1500);
    expect(new Set(c.versions.map((v) => v.versionId)).size).toBe(1500);
    expect(c.versions.filter((v) => v.isLatest)).toHaveLength(1);
    expect(c.listing?.entries).toBe(1500);
    expect(rules(s, 'masterdata-db')).toContain('backup-over-1000-versions/warning');
  }, 120_000);

  it('a delete marker on top, versioning Suspended and never enabled, a foreign key under the bare prefix', async () => {
    await bucket('marker', 'Enabled');
    await put('marker', 'auditing-db/db.tar.gz', 2 * KB);
    await put('marker', 'auditing-db/db.tar.gz', 2 * KB);
    await s3.send(new DeleteObjectCommand({ Bucket: 'marker', Key: 'auditing-db/db.tar.gz' }));
    await bucket('suspended', 'Suspended');
    await put('suspended', 'ipam-db/db.tar.gz', KB);
    await bucket('plain');
    await put('plain', 'headscale-db/db.tar.gz', KB);
    await bucket('overlap', 'Enabled');
    await put('overlap', 'ipam-db/db.tar.gz', KB);
    await sleep(1100);
    await put('overlap', 'ipam-db-old/db.tar.gz', 5 * KB);
    const s = await snapshotOf([entry('auditing-db', 'marker'), entry('ipam-db', 'suspended'), entry('headscale-db', 'plain'), entry('ipam-db', 'overlap').replace('id: ipam-db', 'id: ipam-db-2, prefix: ipam-db')]);
    const marked = component(s, 'auditing-db');
    expect(marked.versions).toHaveLength(2);
    expect(marked.versions.some((v) => v.isLatest)).toBe(false);
    expect(marked.listing?.deletedKeys.map((d) => d.key)).toEqual(['auditing-db/db.tar.gz']);
    expect(rules(s, 'auditing-db')).toContain('backup-delete-marker/warning');
    expect(component(s, 'ipam-db').store.versioning).toBe('Suspended');
    expect(rules(s, 'ipam-db')).toContain('backup-versioning-off/critical');
    expect(component(s, 'headscale-db').store.versioning).toBe('Off');
    expect(rules(s, 'headscale-db')).toContain('backup-versioning-off/critical');
    expect(rules(s, 'headscale-db')).toContain('backup-lifecycle-missing/warning');
    const overlap = component(s, 'ipam-db-2');
    expect(overlap.versions.map((v) => v.key)).toEqual(['ipam-db/db.tar.gz']);
    expect(overlap.listing?.foreignKeys.map((k) => k.key)).toEqual(['ipam-db-old/db.tar.gz']);
    expect(rules(s, 'ipam-db-2')).toContain('backup-prefix-overlap/critical');
  });

  it('an endpoint inside rack.networks is IN-RACK', async () => {
    const s = await snapshotOf([entry('metal-db', 'sidecar')], 'rack: { networks: [127.0.0.0/8] }\n');
    expect(component(s, 'metal-db').store.outsideRack).toBe(false);
    expect(rules(s, 'metal-db')).toContain('backup-store-in-rack/critical');
  });

  it('wrong credentials, a missing bucket, a refused and a hanging endpoint: each a one-line source error, no secret in it', async () => {
    const [closed] = await freePorts(1);
    const hang: Server = createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const hangPort = (hang.address() as { port: number }).port;
    try {
      const s = await snapshotOf([
        entry('metal-db', 'sidecar').replace('secretAccessKeyEnv: LAB_SK', 'secretAccessKeyEnv: WRONG_SK'),
        entry('ipam-db', 'no-such-bucket'),
        entry('masterdata-db', 'sidecar').replace(lab.endpoint, `http://127.0.0.1:${closed}`),
        entry('auditing-db', 'sidecar').replace(lab.endpoint, `http://127.0.0.1:${hangPort}`),
        entry('headscale-db', 'sidecar').replace('accessKeyIdEnv: LAB_AK', 'accessKeyIdEnv: WRONG_AK'),
        entry('metal-db-2', 'sidecar').replace('secretAccessKeyEnv: LAB_SK', 'secretAccessKeyEnv: UNSET_SK'),
      ]);
      expect(sourceError(s, 'metal-db')).toMatch(/wrong credentials: the secret access key does not match/);
      expect(sourceError(s, 'ipam-db')).toMatch(/the bucket no-such-bucket does not exist \(NoSuchBucket\)/);
      expect(sourceError(s, 'masterdata-db')).toMatch(/connection refused/);
      expect(sourceError(s, 'auditing-db')).toMatch(/no answer within 2 s/);
      expect(sourceError(s, 'headscale-db')).toMatch(/wrong credentials: the store does not know the access key id \(InvalidAccessKeyId\)/);
      expect(sourceError(s, 'metal-db-2')).toBe('backup metal-db-2: the environment variable UNSET_SK (named in backups:) is not set');
      for (const src of s.sources) {
        expect(src.state).toBe('error');
        expect(src.lastError?.message).not.toMatch(/\n/);
        expect(src.lastError?.message).not.toContain(SECRET);
        expect(src.lastError?.message).not.toContain(ENV.WRONG_SK);
      }
      expect(s.backups).toEqual([]);
      expect(s.findings.filter((f) => f.rule === 'source-failing')).toHaveLength(6);
    } finally {
      hang.close();
    }
  });

  it('radosgw stopped: the source fails with the reason and keeps its versions; started again: live within a poll', async () => {
    const file = join(lab.dir, 'restart.yaml');
    writeFileSync(file, `backups:\n${entry('metal-db', 'sidecar', ', interval: 1s')}\n`);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: lab.dir } });
    const store = new RackStore({ clock: systemClock, sources: backupSources(config.backups, config.rack.networks, ENV), rack: { name: 'lab', simulated: false } });
    const state = () => store.getSnapshot().sources[0];
    const until = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state())}`);
        await sleep(100);
      }
    };
    store.start();
    try {
      await until('the first versions', () => state()?.state === 'ok');
      const versions = component(store.getSnapshot(), 'metal-db').versions.length;
      await lab.gateway('stop');
      await until('the source error', () => state()?.state === 'error');
      expect(state()?.lastError?.message).toMatch(/ListObjectVersions sidecar: connection refused/);
      expect(component(store.getSnapshot(), 'metal-db').versions).toHaveLength(versions);
      await lab.gateway('start');
      await until('the source back', () => state()?.state === 'ok');
    } finally {
      await store.stop();
      await lab.gateway('start').catch(() => {});
    }
  }, 90_000);

  it('rackpilot doctor reads each component once: ok with what its store holds, FAIL with the reason (exit 2)', async () => {
    const file = join(lab.dir, 'doctor.yaml');
    writeFileSync(file, `backups:\n${entry('metal-db', 'sidecar')}\n${entry('ipam-db', 'sidecar').replace('secretAccessKeyEnv: LAB_SK', 'secretAccessKeyEnv: WRONG_SK')}\n`);
    const r = await runCliAsync(['doctor', '--config', file], { HOME: lab.dir, ...ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^metal-db  ok    ${lab.endpoint}/sidecar/metal-db  versioning Enabled; 5 versions; newest .* UTC .*; lifecycle metal-db-backup-restore-lifecycle 14 d \\(\\d+ ms\\)$`, 'm'));
    expect(r.stdout).toMatch(/^ipam-db {3}FAIL {2}.*wrong credentials: the secret access key does not match/m);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('rackpilot status --json with a backups: config shows the component and its versions', async () => {
    const file = join(lab.dir, 'status.yaml');
    writeFileSync(file, `backups:\n${entry('metal-db', 'sidecar')}\n`);
    const r = await runCliAsync(['status', '--json', '--config', file], { HOME: lab.dir, ...ENV });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const b = out.backups.find((x: { id: string }) => x.id === 'metal-db');
    expect(b).toMatchObject({ tool: 'backup-restore-sidecar', store: { endpoint: lab.endpoint, bucket: 'sidecar', versioning: 'Enabled' }, versionCount: 5 });
    expect(b.newest.versionId).toEqual(expect.any(String));
    expect(out.sources.find((x: { name: string }) => x.name === 'backup metal-db (s3)')?.state).toBe('ok');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
