/**
 * A second independent client for cross-checks: one of the versioned kubectl binaries (kubectl.1.27 …
 * kubectl.1.33) next to the machine's kubectl dispatcher (Google Cloud SDK's), called directly so no dispatcher
 * logic or gcloud auth gets involved, with HOME in a temp dir for its discovery cache.
 */
import { mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { which } from '../availability';
import { type RunResult, run } from '../proc';

/** The oldest kubectl.1.N there (the closest to the lab's 1.20 within kubectl's version skew), or undefined. */
export function findKubectl(): string | undefined {
  return allKubectls()[0];
}

/** Every kubectl.1.N there, oldest first. */
export function allKubectls(): string[] {
  const dispatcher = which('kubectl');
  if (!dispatcher) return [];
  const dir = dirname(realpathSync(dispatcher));
  return readdirSync(dir)
    .map((f) => /^kubectl\.1\.(\d+)$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => join(dir, m[0]));
}

/** `kubectl --kubeconfig KUBECONFIG ARGS…` with a throw-away HOME; never rejects (see run). */
export async function kubectl(binary: string, kubeconfig: string, args: readonly string[]): Promise<RunResult> {
  const home = mkdtempSync(join(tmpdir(), 'rackpilot-kubectl-'));
  try {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
    return await run(binary, ['--kubeconfig', kubeconfig, ...args], { env, timeoutMs: 30_000 });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
