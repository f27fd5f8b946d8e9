// The SSH poll benchmark's runner: bundles bench/ssh-poll.client.ts and bench/ssh-poll.server.ts (TypeScript that
// imports the pool, the switch sources and the test SSH server) with esbuild into dist/bench/, then runs the
// client with this Node in a fresh process. Used by bench/run.mjs (`npm run bench`, `npm run bench -- --only ssh`);
// also runs alone: node bench/ssh-poll.mjs [--switches 200] [--concurrency 32] [--rounds 10] [--cold-rounds 3].

import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench, clientResult, OUT_DIR, ROOT } from './bundle.mjs';

const RUN_LIMIT_MS = 5 * 60_000;

async function bundle() {
  // As in scripts/build.mjs: ssh2 carries optional native addons; resolved from node_modules at run time.
  await bundleBench(['bench/ssh-poll.client.ts', 'bench/ssh-poll.server.ts'], ['node-ssh', 'ssh2', 'cpu-features']);
  return { client: join(OUT_DIR, 'ssh-poll.client.js'), server: join(OUT_DIR, 'ssh-poll.server.js') };
}

/** The commit measured, and the measured code's files that differ from it (others may be editing). */
function codeVersion() {
  const git = (...args) => execFileSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const changed = git('status', '--porcelain', '--', 'src', 'test/helpers', 'test/clients/keys.ts', 'bench/ssh-poll.*');
    return { commit, uncommitted: changed.split('\n').filter(Boolean).map((line) => line.slice(3)) };
  } catch {
    return { commit: process.env.RACKPILOT_BENCH_COMMIT ?? 'unknown (not a git checkout)' };
  }
}

/**
 * Runs the benchmark and resolves with its JSON result (pass or not); rejects when the run itself failed, e.g.
 * a round in which a switch did not answer. Progress goes to stderr.
 */
export async function runSshPoll(args = []) {
  const { client, server } = await bundle();
  const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', client, '--server', server, '--root', ROOT, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => child.kill();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return { ...(await clientResult(child, 'ssh', RUN_LIMIT_MS)), code: codeVersion() };
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runSshPoll(process.argv.slice(2)).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`bench ssh: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
