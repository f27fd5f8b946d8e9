// Bundles a benchmark's TypeScript entry points (they import the product's src/ and the tests' helpers) with
// esbuild into dist/bench/, one file per entry, runnable by this Node with `require` available as in the product.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'bench');

/** `entryPoints` relative to the repository; `external`: packages resolved from node_modules at run time. */
export async function bundleBench(entryPoints, external = []) {
  await build({
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
  });
}
