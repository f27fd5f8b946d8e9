// The lab status benchmark's runner: bundles bench/lab-status.client.ts (it imports the switch lab's harness from
// test/lab/) into dist/bench/ and runs it with this Node. Used by bench/run.mjs (`npm run bench` run as root, and
// `npm run bench -- --only lab`); needs root and the lab's packages, else the result says why it was skipped.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleBench, clientResult, OUT_DIR, ROOT } from './bundle.mjs';

const RUN_LIMIT_MS = 5 * 60_000;

export async function runLabStatus(args = []) {
  await bundleBench(['bench/lab-status.client.ts'], [], { packages: 'external' });
  const child = spawn(process.execPath, ['--enable-source-maps', join(OUT_DIR, 'lab-status.client.js'), '--root', ROOT, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The client stops its lab on these signals itself.
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await clientResult(child, 'lab', RUN_LIMIT_MS);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
