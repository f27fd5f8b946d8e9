/**
 * etcd and kube-apiserver of one kube lab, each in the foreground (so the recorded pid is the daemon itself),
 * on the lab's own free ports and under its own dir, and a bounded wait until each serves.
 */
import { join } from 'node:path';
import { type Daemon, spawnDaemon, tail, waitFor } from '../proc';
import { etcdPath, kubeApiserverPath } from './availability';
import type { KubeClient } from './client';

export interface KubePorts {
  readonly apiserver: number;
  readonly etcdClient: number;
  readonly etcdPeer: number;
}

/** Called with each daemon as soon as it is spawned, so a failed wait still leaves it in the lab's pid list. */
export type Track = (d: Daemon) => void;

// Ready in 6–8 s on an idle machine (the recipe); room for a busy CI machine running other labs at once.
export const APISERVER_READY_MS = 90_000;
const ETCD_READY_MS = 20_000;

export const etcdUrl = (ports: KubePorts) => `http://127.0.0.1:${ports.etcdClient}`;

/** Waits for `check`, failing at once with the log tail when the daemon exits first. */
function ready(d: Daemon, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  return waitFor(
    what,
    () => {
      if (!d.alive()) throw new Error(`${d.name} exited while starting; tail of ${d.logFile}:\n${tail(d.logFile, 25)}`);
      return check();
    },
    timeoutMs,
    d.logFile,
  );
}

export async function startEtcd(dir: string, ports: KubePorts, track: Track): Promise<Daemon> {
  const client = etcdUrl(ports);
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  const args = ['--name', 'lab', '--data-dir', join(dir, 'etcd'), '--listen-client-urls', client];
  args.push('--advertise-client-urls', client, '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer);
  args.push('--initial-cluster', `lab=${peer}`);
  const d = await spawnDaemon('etcd', etcdPath() ?? 'etcd', args, join(dir, 'etcd.log'));
  track(d);
  const healthy = async () => {
    const r = await fetch(`${client}/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    return ((await r?.json().catch(() => ({}))) as { health?: string } | undefined)?.health === 'true';
  };
  await ready(d, `etcd ${client}/health`, healthy, ETCD_READY_MS);
  return d;
}

/** The apiserver's argv: the same on every (re)start, so a restart finds its cert, port and etcd again. */
export function apiserverArgs(dir: string, ports: KubePorts, extraArgs: readonly string[]): string[] {
  const pki = join(dir, 'pki');
  const sa = join(pki, 'sa.key');
  return [
    ...['--etcd-servers', etcdUrl(ports), '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1'],
    // No plain-HTTP port: several labs run at once, and 1.20's insecure port would be a fixed 8080.
    ...['--secure-port', String(ports.apiserver), '--insecure-port', '0'],
    // --cert-dir: the apiserver makes a self-signed cert there at its first start and reuses it on a restart.
    ...['--cert-dir', pki, '--token-auth-file', join(pki, 'tokens.csv')],
    // RBAC, not AlwaysAllow: the `limited` user must be refused pods (system:masters still may do anything).
    ...['--authorization-mode', 'RBAC'],
    ...['--service-account-issuer', 'https://kubernetes.default.svc', '--service-account-key-file', sa],
    ...['--service-account-signing-key-file', sa, '--service-cluster-ip-range', '10.96.0.0/24'],
    // No controller-manager makes service-account tokens, so pods must not need one.
    ...['--disable-admission-plugins', 'ServiceAccount'],
    ...extraArgs,
  ];
}

/** Starts the apiserver and waits until /readyz answers 200 to `client` (the admin token). */
export async function startApiserver(
  dir: string,
  args: readonly string[],
  client: KubeClient,
  track: Track,
): Promise<Daemon> {
  const d = await spawnDaemon('kube-apiserver', kubeApiserverPath(), args, join(dir, 'kube-apiserver.log'));
  track(d);
  const readyz = async () => (await client.request('GET', '/readyz').catch(() => ({ status: 0 }))).status === 200;
  await ready(d, `kube-apiserver ${client.server}/readyz`, readyz, APISERVER_READY_MS);
  return d;
}
