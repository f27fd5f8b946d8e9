// Bundles a benchmark's TypeScript entry points (they import the product's src/ and the tests' helpers) with
// esbuild into dist/bench/, one file per entry, runnable by this Node with `require` available as in the product.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'bench');

/** The commit measured, with a + when src/ or bench/ differ from it. */
export function benchCommit() {
  const git = (...args) => execFileSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src', 'bench') ? '+' : ''}`;
  } catch {
    return 'unknown';
  }
}

/**
 * `entryPoints` relative to the repository; `external`: packages resolved from node_modules at run time; `extra`:
 * further esbuild options (plugins, define).
 */
export async function bundleBench(entryPoints, external = [], extra = {}) {
  return build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: OUT_DIR,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
    external,
    banner: { js: "import { createRequire as __rpCreateRequire } from 'node:module'; const require = __rpCreateRequire(import.meta.url);" },
    ...extra,
  });
}

/**
 * Waits for a benchmark's client process and parses the JSON it printed; stops it past `limitMs` (`what` names the
 * benchmark in that line and in the error of a failed run).
 */
export async function clientResult(child, what, limitMs) {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench ${what}: the run took longer than ${limitMs / 1000} s: stopping\n`);
    child.kill();
  }, limitMs);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  try {
    const [code, signal] = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    });
    if (code !== 0) throw new Error(`the ${what} benchmark failed (${signal ?? `exit ${code}`})`);
    return JSON.parse(stdout);
  } finally {
    clearTimeout(watchdog);
  }
}
