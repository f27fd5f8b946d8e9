// `npm run lab:metal-api`: bundles the stand-in metal-api console (test/lab/metal-api/lab-cli.ts) and runs it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outfile = 'node_modules/.cache/rackpilot/metal-api-lab-cli.mjs';
// The contract fixture finds its JSON next to itself; bundled, "itself" is the cache directory.
const contractDir = fileURLToPath(new URL('../test/fixtures/metal-api/', import.meta.url));
await build({
  entryPoints: ['test/lab/metal-api/lab-cli.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  packages: 'external',
  define: { 'import.meta.dirname': JSON.stringify(contractDir) },
});
await import(new URL(`../${outfile}`, import.meta.url).href);
