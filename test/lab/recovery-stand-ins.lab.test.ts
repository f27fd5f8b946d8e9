/**
 * The recovery lab's stand-ins on the real radosgw and kube-apiserver: the sidecar stand-in restores the version
 * with the newest LastModified into an empty data directory when its pod starts, uploads the directory's content
 * while the pod runs, loses its data with its claim, and starts a fresh (empty) database when its listing finds
 * nothing — the thesis' failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './proc';
import { BUCKET, NS, type RecoveryLab, recoveryLabAvailability, STATEFUL_SET, startRecoveryLab } from './recovery/harness';

const availability = await recoveryLabAvailability();
const KEY = 'metal-db/db.tar.gz';
const sha = (b: Uint8Array | undefined) => (b ? createHash('sha256').update(b).digest('hex') : 'none');

describe.skipIf(!availability.ok)(`the recovery lab's kubelet and sidecar stand-ins${availability.ok ? '' : ` (skipped: ${availability.reason})`}`, { timeout: 60_000 }, () => {
  let lab: RecoveryLab;
  beforeAll(async () => {
    lab = await startRecoveryLab({ uploadEvery: 1500 });
  }, 240_000);
  afterAll(() => lab?.stop());

  const scale = (replicas: number) => lab.kubeLab.client.patch('statefulsets', STATEFUL_SET, { spec: { replicas } }, NS);
  const events = (kind: string) => lab.sidecar.events.filter((e) => e.kind === kind);
  const versions = async () => (await lab.s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'metal-db/' }))).Versions ?? [];

  it('sidecar stand-in: its pod starting on an empty data directory restores the newest version, then uploads that content', async () => {
    const bodies = [randomBytes(200_000), randomBytes(300_000), randomBytes(250_000)];
    for (const b of bodies) await lab.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: b }));
    const newest = (await versions()).find((v) => v.IsLatest)?.VersionId;
    await scale(1);
    await waitFor('the stand-in restores', () => events('restored').length === 1, 20_000);
    expect(events('restored')[0]).toEqual({ kind: 'restored', versionId: newest, size: 250_000 });
    expect(sha(lab.sidecar.data())).toBe(sha(bodies[2]));
    await waitFor('an upload', () => events('uploaded').length >= 1, 20_000);
    expect(events('uploaded')[0]).toMatchObject({ size: 250_000 });
    expect(await versions()).toHaveLength(4);
  });

  it('sidecar stand-in: a stopped pod uploads nothing; a deleted claim empties its data; a listing that finds nothing starts a fresh database that uploads tiny versions', async () => {
    await scale(0);
    await waitFor('the pod is gone', async () => (await lab.kubeLab.client.request('GET', `/api/v1/namespaces/${NS}/pods/${STATEFUL_SET}-0`)).status === 404, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const count = (await versions()).length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(await versions()).toHaveLength(count);
    await lab.kubeLab.client.delete('persistentvolumeclaims', `${STATEFUL_SET}-${STATEFUL_SET}-0`, NS);
    await waitFor('the data directory is emptied', () => lab.sidecar.data() === undefined, 20_000);
    lab.sidecar.listPrefix('metal_db');
    await scale(1);
    await waitFor('a fresh start', () => events('fresh').length === 1, 20_000);
    // The claim comes back with the pod, as a StatefulSet's volumeClaimTemplate makes it.
    expect((await lab.kubeLab.client.request('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/${STATEFUL_SET}-${STATEFUL_SET}-0`)).status).toBe(200);
    await waitFor('two tiny uploads', () => events('uploaded').filter((e) => 'size' in e && e.size < 1000).length >= 2, 20_000);
    const top = (await versions()).find((v) => v.IsLatest);
    expect(top?.Size).toBeLessThan(1000);
    lab.sidecar.listPrefix(undefined);
  });
});
