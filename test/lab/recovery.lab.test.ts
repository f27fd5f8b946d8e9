/**
 * The thesis failure end to end on the recovery lab (issue 13): 20 good versions of metal-db/db.tar.gz, the
 * database's volume lost, the sidecar stand-in starting on an empty data directory with a broken listing prefix and
 * uploading two tiny versions; `status --json` flags the size drop; `rackpilot recover` on the real radosgw and
 * kube-apiserver, the typed confirmation driven through stdin, restores the last good version, and the sidecar
 * stand-in restores exactly its content.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli';
import { waitFor } from './proc';
import { driveCli, operator } from './recovery/drive-cli';
import { BUCKET, NS, type RecoveryLab, recoveryLabAvailability, S3_ENV, SECRET, STATEFUL_SET, startRecoveryLab } from './recovery/harness';

const availability = await recoveryLabAvailability();
const KEY = 'metal-db/db.tar.gz';
const sha = (b: Uint8Array | undefined) => (b ? createHash('sha256').update(b).digest('hex') : 'none');

// A loaded CI machine slows the stand-ins' uploads: every wait has 40 s, every test 150 s.
describe.skipIf(!availability.ok)(`recover on a real rack: the recovery lab with kubelet and sidecar stand-ins${availability.ok ? '' : ` (skipped: ${availability.reason})`}`, { timeout: 150_000 }, () => {
  let lab: RecoveryLab;
  let config: string;
  let env: Record<string, string>;
  const children = new Set<ChildProcess>();
  const good: Buffer[] = [];
  const goodIds: string[] = [];
  beforeAll(async () => {
    lab = await startRecoveryLab({ uploadEvery: 2000, readyAfter: 1000 });
    config = lab.configFile('rack.yaml');
    const home = join(lab.dir, 'home');
    mkdirSync(home, { recursive: true });
    env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), ...S3_ENV };
    // 20 good versions, each a database of about 1 MB with contents of its own.
    for (let i = 0; i < 20; i++) {
      const body = randomBytes(1_000_000 + i * 10_000);
      good.push(body);
      goodIds.push((await lab.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: body }))).VersionId as string);
    }
  }, 240_000);
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    children.clear();
  });
  afterAll(() => lab?.stop());

  const scale = (replicas: number) => lab.kubeLab.client.patch('statefulsets', STATEFUL_SET, { spec: { replicas } }, NS);
  const events = (kind: string) => lab.sidecar.events.filter((e) => e.kind === kind);
  const versions = async () => (await lab.s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'metal-db/' }))).Versions ?? [];

  /** The thesis failure (again): the volume lost, the database starting empty on a broken prefix, two tiny uploads; then the prefix fixed. */
  async function loseVolumeAndStartEmpty(): Promise<void> {
    await scale(0);
    await waitFor('the pod is gone', async () => (await lab.kubeLab.client.request('GET', `/api/v1/namespaces/${NS}/pods/${STATEFUL_SET}-0`)).status === 404, 40_000);
    await lab.kubeLab.client.delete('persistentvolumeclaims', `${STATEFUL_SET}-${STATEFUL_SET}-0`, NS);
    await waitFor('the data directory is emptied', () => lab.sidecar.data() === undefined, 40_000);
    lab.sidecar.listPrefix('metal_db');
    const uploadsBefore = events('uploaded').length;
    const freshBefore = events('fresh').length;
    await scale(1);
    await waitFor('a fresh start', () => events('fresh').length === freshBefore + 1, 40_000);
    await waitFor(() => `two tiny uploads (the sidecar stand-in's last events: ${JSON.stringify(lab.sidecar.events.slice(-8))})`, () => events('uploaded').slice(uploadsBefore).filter((e) => 'size' in e && e.size < 1000).length >= 2, 40_000);
    lab.sidecar.listPrefix(undefined);
  }

  it('the volume lost, the sidecar stand-in starts an empty database (broken prefix) and uploads two tiny versions: status --json flags backup-size-drop on the newest', async () => {
    await lab.kubeLab.client.delete('persistentvolumeclaims', `${STATEFUL_SET}-${STATEFUL_SET}-0`, NS);
    lab.sidecar.listPrefix('metal_db');
    await scale(1);
    await waitFor('a fresh start', () => events('fresh').length === 1, 40_000);
    await waitFor(() => `two tiny uploads (the sidecar stand-in's last events: ${JSON.stringify(lab.sidecar.events.slice(-8))})`, () => events('uploaded').length >= 2, 40_000);
    lab.sidecar.uploadEvery(3_600_000);
    const newest = (await versions()).find((v) => v.IsLatest);
    expect(newest?.Size).toBeLessThan(1000);
    const r = await runCliAsync(['status', '--json', '--config', config], env, children);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const drop = out.findings.filter((f: { rule: string }) => f.rule === 'backup-size-drop');
    expect(drop.length).toBeGreaterThan(0);
    const b = out.backups.find((x: { id: string }) => x.id === 'initial-metal-db');
    expect(b.newest).toMatchObject({ versionId: newest?.VersionId, suspicious: true });
    expect(r.stdout).not.toContain(SECRET);
  }, 90_000);

  it('recover --dry-run prints every call of the plan and changes nothing', async () => {
    const before = (await versions()).length;
    const run = driveCli(['recover', '--dry-run', '--config', config], env, operator());
    children.add(run.child);
    const r = await run.done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const call of [
      /\$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=0/,
      /\$ aws s3api --endpoint-url http:\/\/127\.0\.0\.1:\d+ list-object-versions --bucket metal-backups --prefix metal-db\/db\.tar\.gz/,
      new RegExp(`\\$ aws s3api --endpoint-url http://127\\.0\\.0\\.1:\\d+ copy-object --bucket metal-backups --key metal-db/db\\.tar\\.gz --copy-source 'metal-backups/metal-db/db\\.tar\\.gz\\?versionId=${goodIds[19]}'`),
      /\$ kubectl --context lab -n metal-control-plane delete persistentvolumeclaim metal-db-metal-db-0 --wait=true/,
      /\$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=1/,
    ]) {
      expect(r.stdout).toMatch(call);
    }
    expect(r.stdout).toContain('(dry run: nothing was changed)');
    expect(await versions()).toHaveLength(before);
    expect((await lab.kubeLab.client.get<{ spec: { replicas: number } }>('statefulsets', STATEFUL_SET, NS)).spec.replicas).toBe(1);
  }, 90_000);

  it('recover (confirmation typed through stdin) restores the last good version: promoted, volume cleared, restarted; the sidecar stand-in restores exactly its content and uploads it again', async () => {
    // The operator fixed the sidecar's prefix; the database keeps uploading its empty state until it is stopped.
    lab.sidecar.listPrefix(undefined);
    lab.sidecar.uploadEvery(2000);
    const restoredBefore = events('restored').length;
    const run = driveCli(['recover', '--config', config], env, operator());
    children.add(run.child);
    const r = await run.done;
    expect(r.stderr, r.stdout.slice(-4000)).toBe('');
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(r.stdout).toContain(`Type exactly: initial-metal-db ${goodIds[19]?.slice(0, 8)}`);
    const restored = events('restored').slice(restoredBefore);
    expect(restored).toHaveLength(1);
    expect(sha(lab.sidecar.data())).toBe(sha(good[19]));
    // The newest version (the one the stand-in restored) is the promoted copy naming the chosen version.
    const head = await lab.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY, VersionId: restored[0] && 'versionId' in restored[0] ? restored[0].versionId : '' }));
    expect(head.Metadata?.['rackpilot-restored-from']).toBe(goodIds[19]);
    await waitFor('an upload after the restore', () => lab.sidecar.events.slice(lab.sidecar.events.indexOf(restored[0] as never)).some((e) => e.kind === 'uploaded'), 40_000);
    const next = lab.sidecar.events.slice(lab.sidecar.events.indexOf(restored[0] as never)).find((e) => e.kind === 'uploaded');
    expect(next).toMatchObject({ size: good[19]?.length });
    expect(r.stdout).toContain('Nothing the run changed is left paused or stopped.');
    expect(r.stdout).toMatch(/Restored: initial-metal-db version \S+ of .* UTC, .*, RPO \d/);
    expect(r.stdout).toMatch(/RTO \d/);
    expect(r.stdout).not.toContain(SECRET);
    expect((await lab.kubeLab.client.get<{ spec: { replicas: number } }>('statefulsets', STATEFUL_SET, NS)).spec.replicas).toBe(1);
  }, 180_000);

  it('kill -9 of rackpilot after the promote, before the restart: the rerun resumes without promoting twice (journal and HeadObject)', async () => {
    await loseVolumeAndStartEmpty();

    const first = driveCli(['recover', '--config', config], env, operator());
    children.add(first.child);
    await first.waitFor(/copied onto the key as/, 40_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const chosen = /chosen: initial-metal-db version (\S+)/.exec(killed.stdout)?.[1] as string;
    expect(chosen).toBeDefined();
    expect((await lab.kubeLab.client.get<{ spec: { replicas: number } }>('statefulsets', STATEFUL_SET, NS)).spec.replicas).toBe(0);
    const copies = async () => {
      const out: string[] = [];
      for (const v of await versions()) {
        const h = await lab.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY, VersionId: v.VersionId }));
        if (h.Metadata?.['rackpilot-restored-from'] === chosen) out.push(v.VersionId as string);
      }
      return out;
    };
    expect(await copies()).toHaveLength(1);
    // Back after the crash: status says what is fenced, by which run, since when, and how to end it.
    const fenced = await runCliAsync(['status', '--json', '--config', config], env, children);
    const fencedJson = JSON.parse(fenced.stdout) as { backups: { id: string; pausedBy: { runbook: string; runState: string; undo: string | null } | null }[]; findings: { rule: string; severity: string; summary: string; hint: string }[] };
    expect(fencedJson.backups.find((b) => b.id === 'initial-metal-db')?.pausedBy).toMatchObject({ runbook: 'recover', runState: 'running', undo: '$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=1' });
    const fence = fencedJson.findings.find((f) => f.rule === 'backup-paused');
    expect(fence?.severity).toBe('warning');
    expect(fence?.summary).toMatch(/^metal-db paused by recover run \S+ \(\S+\) since \d{4}-\d\d-\d\d \d\d:\d\d UTC: its database is stopped/);
    expect(fence?.hint).toContain('rackpilot recover offers to resume the run');
    const text = await runCliAsync(['status', '--config', config], env, children);
    expect(text.stdout).toMatch(/metal-db paused by recover run/);

    const rerun = driveCli(['recover', '--config', config], env, operator());
    children.add(rerun.child);
    const r = await rerun.done;
    expect(r.stderr, r.stdout.slice(-4000)).toBe('');
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(r.stdout).toMatch(/Resuming run \S+ at step 3 Restore metal-db/);
    expect(r.stdout).not.toContain('copied onto the key as');
    expect(await copies()).toHaveLength(1);
    const last = events('restored').at(-1);
    expect(last && 'versionId' in last ? last.versionId : '').toBe((await copies())[0]);
    expect(r.stdout).toContain('Nothing the run changed is left paused or stopped.');
    const after = JSON.parse((await runCliAsync(['status', '--json', '--config', config], env, children)).stdout) as { backups: { id: string; pausedBy: unknown }[] };
    expect(after.backups.find((b) => b.id === 'initial-metal-db')?.pausedBy).toBeNull();
  }, 240_000);

  it('a new upload after the version was chosen stops the run before anything is changed: nothing promoted, the database left stopped and said so', async () => {
    await loseVolumeAndStartEmpty();
    const before = new Set((await versions()).map((v) => v.VersionId));
    let injected: string | undefined;
    const answers = operator(0);
    const run = driveCli(['recover', '--fresh', '--config', config], env, async (prompt, output) => {
      // At the restore step's "run?", after the choice: something uploads behind the fence's back.
      if (!injected && output.includes('Type exactly') && prompt.includes('run, skip or abort')) {
        injected = (await lab.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: Buffer.alloc(200, 7) }))).VersionId;
      }
      return answers(prompt, output);
    });
    children.add(run.child);
    const r = await run.done;
    expect(r.stderr, r.stdout.slice(-4000)).toBe('');
    expect(r.code, r.stdout.slice(-4000)).toBe(1);
    expect(r.stdout).toContain(`a new upload since the version was chosen: ${injected}`);
    expect(r.stdout).not.toContain('copied onto the key as');
    // New since: the injected upload, and whatever the stand-in uploaded before the fence stopped it (it uploads every
    // 2 s, and on a loaded machine the run takes longer than that to stop it); nothing rackpilot wrote.
    const uploaded = new Set(events('uploaded').map((e) => ('versionId' in e ? e.versionId : '')));
    const added = (await versions()).map((v) => v.VersionId as string).filter((id) => !before.has(id));
    expect(added).toContain(injected);
    expect(added.filter((id) => id !== injected && !uploaded.has(id))).toEqual([]);
    expect((await lab.kubeLab.client.get<{ spec: { replicas: number } }>('statefulsets', STATEFUL_SET, NS)).spec.replicas).toBe(0);
    expect(r.stdout).toMatch(/STILL STOPPED[\s\S]*to undo: \$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=1/);
  }, 240_000);

  it('radosgw stopped mid-run: the step fails with the S3 error; once it is back, retry restores (the database was left stopped by the run before)', async () => {
    let stopped = false;
    let restarted = false;
    const restoredBefore = events('restored').length;
    const run = driveCli(['recover', '--config', config], env, async (prompt, output) => {
      if (!stopped && output.includes('Type exactly') && prompt.includes('run, skip or abort')) {
        stopped = true;
        await lab.s3Lab.gateway('stop');
        return '';
      }
      if (stopped && !restarted && prompt.includes('retry, skip or abort')) {
        restarted = true;
        await lab.s3Lab.gateway('start');
        await waitFor('radosgw answers again', async () => (await versions().catch(() => undefined)) !== undefined, 30_000);
        return 'r';
      }
      return operator(0)(prompt, output);
    });
    children.add(run.child);
    const r = await run.done;
    expect(r.stderr, r.stdout.slice(-4000)).toBe('');
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(restarted).toBe(true);
    expect(r.stdout).toMatch(/! failed: call 1\/3 \(aws s3api .*list-object-versions .*\): s3 http:\/\/127\.0\.0\.1:\d+ ListObjectVersions metal-backups: connection refused/);
    expect(r.stdout).toContain('copied onto the key as');
    expect(events('restored').slice(restoredBefore)).toHaveLength(1);
    expect(sha(lab.sidecar.data())).toBe(sha(good[19]));
    expect(r.stdout).toContain('Nothing the run changed is left paused or stopped.');
  }, 240_000);
  it('drill --real --dry-run shows the injection and the text it would ask for; a wrong text cancels it: the volume stays either way', async () => {
    const pvcExists = async () => (await lab.kubeLab.client.request('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/${STATEFUL_SET}-${STATEFUL_SET}-0`)).status === 200;
    const dry = await runCliAsync(['drill', '--real', '--dry-run', '--scenario', 'empty-backup-after-restart', '--config', config], env);
    expect(dry.code, dry.stdout.slice(-3000)).toBe(0);
    expect(dry.stdout).toMatch(/\(dry run\) would ask you to type exactly: destroy initial-metal-db on \S+/);
    expect(dry.stdout).toMatch(/\(dry run\) +2\. DELETE its data volume, PVC metal-db-metal-db-0 in metal-control-plane/);
    expect(dry.stdout).toContain('Dry run of the injection: nothing was changed');
    expect(await pvcExists()).toBe(true);
    const answers = operator();
    const wrong = driveCli(['drill', '--real', '--scenario', 'empty-backup-after-restart', '--config', config], env, (prompt, output) =>
      /Type exactly: destroy \S+ on \S+\n[^\n]*$/.test(output) ? 'destroy it' : answers(prompt, output),
    );
    children.add(wrong.child);
    const r = await wrong.done;
    expect(r.code, r.stdout.slice(-3000)).toBe(1);
    expect(r.stdout).toMatch(/the typed confirmation did not match "destroy initial-metal-db on \S+": nothing was done/);
    expect(r.stdout).toContain('The injection did not finish: no recovery was started.');
    expect(await pvcExists()).toBe(true);
  });
  it('drill --real --scenario empty-backup-after-restart injects the failure itself (each call shown, the step confirmed by typing), waits for the size drop, recovers and ends healthy with a Markdown report', async () => {
    // The misconfiguration the drill rehearses: the sidecar's listing prefix is broken, so an empty start uploads empty versions.
    lab.sidecar.listPrefix('metal_db');
    lab.sidecar.uploadEvery(2000);
    const report = join(lab.dir, 'drill.md');
    const restoredBefore = events('restored').length;
    const answers = operator();
    const run = driveCli(['drill', '--real', '--scenario', 'empty-backup-after-restart', '--report', report, '--config', config], env, (prompt, output) => {
      // The operator fixes the prefix once the recovery asks for the version (the injection is done by then).
      if (/version number or id/.test(prompt)) lab.sidecar.listPrefix(undefined);
      return answers(prompt, output);
    }, 230_000);
    children.add(run.child);
    const r = await run.done;
    expect(r.stderr, r.stdout.slice(-4000)).toBe('');
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(r.stdout).toMatch(/\$ kubectl --context lab -n metal-control-plane delete persistentvolumeclaim metal-db-metal-db-0/);
    expect(r.stdout).toMatch(/Lose the volume of metal-db and start it empty {2}\[DESTRUCTIVE\]/);
    expect(r.stdout).toMatch(/Type exactly: destroy initial-metal-db on \S+\n/);
    expect(r.stdout).toContain(`Type exactly: initial-metal-db `);
    expect(events('restored').slice(restoredBefore)).toHaveLength(1);
    expect(sha(lab.sidecar.data())).toBe(sha(good[19]));
    expect(r.stdout).toMatch(/Drill done; rack healthy\./);
    expect(r.stdout).toMatch(/Restored initial-metal-db version \S+ .*not the newest: \d+ newer version\(s\) looked wrong\); RPO /);
    const md = readFileSync(report, 'utf8');
    expect(md).toContain('# Recovery drill: empty-backup-after-restart');
    expect(md).toContain('rack **healthy**');
    expect(md).toMatch(/REAL rack \S+/);
    expect(md).toMatch(/RTO \(machine \+ operator time, recovery start to healthy\): \d/);
    expect(md).toMatch(/\| no: \d+ newer skipped \(/);
    // The real rack's facts: the version as listed, the copy with the same checksum, every phase timed.
    expect(md).toContain('## On the real rack');
    expect(r.stdout).toMatch(/On the rack: initial-metal-db restored from copy \S+ \(same ETag as the chosen version\); next upload /);
    expect(md).toMatch(/promoted copy \(what the sidecar restored\): `\S+`, .*checksum: same ETag as the chosen version/);
    expect(md).toMatch(/\| volumeDeleted \| \d{4}-[\s\S]*\| promoted \| \d{4}-[\s\S]*\| recoveryEnded \| \d{4}-/);
    expect(r.stdout).not.toContain(SECRET);
  }, 240_000);
});
