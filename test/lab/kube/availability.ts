/**
 * Can this machine run the kube lab? It needs the kube-apiserver v1.20.2 that scripts/build-kube-apiserver.sh
 * builds from Debian's kubernetes source package and caches outside the repo, and Debian's etcd. Both run as any
 * user; only the build (apt-get) needs root. When either is missing the build script runs once here (8 min cold),
 * so a fresh CI machine that skipped it still gets the lab; where it cannot build, the reason is reported.
 */
import { join } from 'node:path';
import { type Availability, which } from '../availability';
import { repoRoot, run } from '../proc';

export type { Availability } from '../availability';

export const KUBE_VERSION = 'v1.20.2';
const BUILD_SCRIPT = join(repoRoot(import.meta.url), 'scripts', 'build-kube-apiserver.sh');
// A cold build is 8 min on 2 cores; slower machines get room, a hung one is still cut off.
const BUILD_TIMEOUT_MS = 25 * 60_000;

/** Where the build script caches the binary (its RACKPILOT_LAB_CACHE, default /var/cache/rackpilot). */
export function labCacheDir(): string {
  return process.env.RACKPILOT_LAB_CACHE || '/var/cache/rackpilot';
}

export function kubeApiserverPath(): string {
  return join(labCacheDir(), 'kube-apiserver-1.20.2', 'kube-apiserver');
}

export const etcdPath = (): string | undefined => which('etcd');

/** The binary runs and says it is v1.20.2 (a half-written or foreign file does not count). */
async function apiserverWorks(): Promise<boolean> {
  const r = await run(kubeApiserverPath(), ['--version'], { timeoutMs: 10_000 });
  return r.ok && r.stdout.trim() === `Kubernetes ${KUBE_VERSION}`;
}

async function missing(): Promise<string[]> {
  const gaps: string[] = [];
  if (!(await apiserverWorks())) gaps.push(`kube-apiserver ${KUBE_VERSION} at ${kubeApiserverPath()}`);
  if (!etcdPath()) gaps.push('etcd (Debian package etcd-server)');
  return gaps;
}

async function check(): Promise<Availability> {
  if ((await missing()).length === 0) return { ok: true };
  const bash = which('bash');
  if (!bash) return { ok: false, reason: `missing ${(await missing()).join(' and ')}, and no bash to build it` };
  process.stderr.write(`kube lab: running ${BUILD_SCRIPT} (cold build ~8 min, once per machine)\n`);
  const build = await run(bash, [BUILD_SCRIPT], { timeoutMs: BUILD_TIMEOUT_MS });
  const still = await missing();
  if (still.length === 0) return { ok: true };
  const why = (build.stderr.trim() || build.error || '').split('\n').slice(-3).join(' / ');
  return { ok: false, reason: `missing ${still.join(' and ')}; ${BUILD_SCRIPT} failed: ${why.slice(-400)}` };
}

let memo: Promise<Availability> | undefined;

/** Memoised: the probe (and a possible build) runs once per process. */
export function kubeLabAvailability(): Promise<Availability> {
  memo ??= check();
  return memo;
}

