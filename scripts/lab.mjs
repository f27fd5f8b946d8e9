// `npm run lab`: bundles the lab console (test/lab/lab-cli.ts, the same harness the lab tests use) and runs it.
import { build } from 'esbuild';

const outfile = 'node_modules/.cache/rackpilot/lab-cli.mjs';
await build({ entryPoints: ['test/lab/lab-cli.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning', packages: 'external' });
await import(new URL(`../${outfile}`, import.meta.url).href);
