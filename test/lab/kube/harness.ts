/**
 * The kube lab for tests: a real kube-apiserver v1.20.2 (built by scripts/build-kube-apiserver.sh from Debian's
 * kubernetes source package) on Debian's etcd, on free ports of 127.0.0.1, in its own temp dir. TLS with the
 * apiserver's self-signed cert, static bearer tokens, RBAC, the stand-in Shoot CRD. No scheduler, controller-manager
 * or kubelet: tests write objects and their status themselves (see client.ts, resources.ts). Ported from the recipe
 * in /work/shared/lab (kube/start-kapi.sh); runs as any user (see kubeLabAvailability).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Daemon, freePorts, sleep, stopDaemons } from '../proc';
import { removeDeadLabDirs, startTime, writeMarker } from '../stale';
import { KubeClient } from './client';
import { apiserverArgs, etcdUrl, type KubePorts, startApiserver, startEtcd, type Track } from './processes';
import { ADMIN_TOKEN, grantLimited, installShootCrd, LIMITED_TOKEN, writeApiserverFiles, writeKubeconfig } from './setup';

export { type Availability, KUBE_VERSION, kubeLabAvailability } from './availability';
export { KubeClient, KubeError, type KubeList, type KubeResponse, type WatchEvent } from './client';
export * from './resources';

/** Not the switch lab's prefix: its cleanup needs root, this lab's runs as any user. */
const DIR_PREFIX = 'rackpilot-kube-';
const SETUP_TIMEOUT_MS = 30_000;

export interface KubeLabOptions {
  /** Part of the temp dir's name, to tell labs apart. */
  readonly name?: string;
  /** Appended to the apiserver's argv, e.g. `--watch-cache=false` so a watch from a compacted revision gets 410. */
  readonly extraArgs?: readonly string[];
}

export interface KubeLab {
  readonly dir: string;
  /** https://127.0.0.1:PORT */
  readonly server: string;
  /** The apiserver's self-signed cert bundle (written at its first start, kept across restarts). */
  readonly caFile: string;
  /** Bearer token of `test-user` in system:masters. */
  readonly token: string;
  /** Bearer token of `limited`: may read nodes, namespaces, apps/*, shoots…, but not pods. */
  readonly limitedToken: string;
  /** Context `lab` (admin, current) and context `limited`. */
  readonly kubeconfigPath: string;
  /** http://127.0.0.1:PORT, etcd's client URL (its JSON gateway too). */
  readonly etcdUrl: string;
  /** A client with `token`. */
  readonly client: KubeClient;
  /** A client with `limitedToken`. */
  readonly limitedClient: KubeClient;
  /** SIGKILL to the apiserver only (etcd and its data stay); resolves once it has exited. */
  killApiserver(): Promise<void>;
  /** Starts the apiserver again with the same argv, cert dir and port; resolves once /readyz answers 200. */
  startApiserver(): Promise<void>;
  /**
   * Physically compacts etcd at its current revision (returned): a watch from any resourceVersion seen before the
   * call then gets an ERROR event with 410 Expired (with `--watch-cache=false`; the watch cache answers on its own).
   */
  compactEtcd(): Promise<number>;
  /** Stops the daemons this lab started and removes its dir. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Dirs and daemons of kube labs whose test process died before stop(). */
export const cleanupStaleKubeLabs = (): Promise<string[]> => removeDeadLabDirs(DIR_PREFIX);

/** etcd's JSON gateway (grpc-gateway of etcd 3.4): int64s are strings, keys base64. */
async function etcdPost<T>(url: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`etcd ${path}: HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
  return (await r.json()) as T;
}

export async function startKubeLab(options: KubeLabOptions = {}): Promise<KubeLab> {
  const label = (options.name ?? '').replace(/[^A-Za-z0-9-]/g, '').slice(0, 24);
  const dir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${label ? `${label}-` : ''}`));
  const daemons = new Map<string, Daemon>();
  const record = () => {
    const pids = Object.fromEntries([...daemons].map(([k, d]) => [k, d.pid]));
    writeMarker(dir, { ownerPid: process.pid, ownerStart: startTime(process.pid) ?? '', namespaces: [], pids });
  };
  let stopping: Promise<void> | undefined;
  const track: Track = (d) => {
    daemons.set(d.name, d);
    record();
    // A start still under way when stop() began: its daemon must not outlive the lab.
    if (stopping) void stopDaemons([d]);
  };
  const stop = () => {
    // The apiserver first: stopped after etcd it would keep retrying etcd for its whole grace time.
    stopping ??= (async () => {
      const apiserver = daemons.get('kube-apiserver');
      if (apiserver) await stopDaemons([apiserver], 5_000);
      await stopDaemons([...daemons.values()], 5_000);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  record();

  const boot = async () => {
    const caFile = writeApiserverFiles(dir);
    const [apiserver = 0, etcdClient = 0, etcdPeer = 0] = await freePorts(3);
    const ports: KubePorts = { apiserver, etcdClient, etcdPeer };
    const server = `https://127.0.0.1:${apiserver}`;
    const client = new KubeClient(server, ADMIN_TOKEN, caFile);
    const limitedClient = new KubeClient(server, LIMITED_TOKEN, caFile);
    const args = apiserverArgs(dir, ports, options.extraArgs ?? []);
    await startEtcd(dir, ports, track);
    await startApiserver(dir, args, client, track);
    await Promise.all([grantLimited(client, limitedClient, SETUP_TIMEOUT_MS), installShootCrd(client, SETUP_TIMEOUT_MS)]);
    return { caFile, ports, server, client, limitedClient, args, kubeconfigPath: writeKubeconfig(dir, server, caFile) };
  };
  const booted = await boot().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const { caFile, ports, server, client, limitedClient, args, kubeconfigPath } = booted;

  const guard = (what: string) => {
    if (stopping) throw new Error(`${what}: the kube lab is stopped`);
  };
  return {
    dir,
    server,
    caFile,
    token: ADMIN_TOKEN,
    limitedToken: LIMITED_TOKEN,
    kubeconfigPath,
    etcdUrl: etcdUrl(ports),
    client,
    limitedClient,
    killApiserver: async () => {
      const d = daemons.get('kube-apiserver');
      if (!d?.alive()) return;
      try {
        process.kill(d.pid, 'SIGKILL');
      } catch {
        // exited on its own just now
      }
      await Promise.race([d.exited, sleep(5_000)]);
    },
    startApiserver: async () => {
      guard('startApiserver');
      if (!daemons.get('kube-apiserver')?.alive()) await startApiserver(dir, args, client, track);
    },
    compactEtcd: async () => {
      guard('compactEtcd');
      const url = etcdUrl(ports);
      // A watch from resourceVersion RV starts at revision RV+1 and is refused only when RV+1 is older than the
      // compaction; at RV+1 itself 1.20 answers 500 "etcd event received with PrevKv=nil" instead of 410. Two
      // writes outside /registry first make every resourceVersion seen before this call old enough for a 410.
      const marker = { key: Buffer.from('/rackpilot-lab/compaction').toString('base64'), value: 'eA==' };
      for (let i = 0; i < 2; i++) await etcdPost(url, '/v3/kv/put', marker);
      // Any range answers with the store's current revision in its header (the key is one NUL byte, base64).
      const { header } = await etcdPost<{ header: { revision: string } }>(url, '/v3/kv/range', { key: 'AA==' });
      await etcdPost(url, '/v3/kv/compaction', { revision: header.revision, physical: true });
      return Number(header.revision);
    },
    stop,
  };
}
