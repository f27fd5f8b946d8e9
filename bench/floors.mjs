// Start-up floors measured in the same run as rackpilot, so a start-up figure reads as a multiple of what this
// machine costs at that moment: `node -e 0` under the pinned Node, and a bare Ink app rendering one line
// (bench/ink-floor.mjs), both in the same pseudo-terminal as the TUI. Also the start-up of `--version` as a user
// starts it: ./bin/rackpilot with the system Node first on PATH, the pinned Node directly, and `npx rackpilot`.

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { bundleBench, OUT_DIR, ROOT } from './bundle.mjs';
import { TuiSession } from './session.mjs';
import { buildOptions } from '../scripts/build-options.mjs';
import { writeOutputs } from '../scripts/write-outputs.mjs';

const FRAME_LIMIT_MS = 20_000;

/**
 * Bundles the Ink floor as scripts/build.mjs bundles rackpilot: the same plugins (no devtools; the dependency edits
 * of scripts/bundle-patches.mjs), production React, and written the same way (eagerly compiled top-level functions,
 * ASCII: scripts/write-outputs.mjs), so the floor is what Ink costs built this way and the ratio measures
 * rackpilot's own start-up.
 */
export async function bundleInkFloor() {
  const { outputFiles } = await bundleBench(['bench/ink-floor.mjs'], [], {
    plugins: buildOptions.plugins,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  writeOutputs(outputFiles);
  return join(OUT_DIR, 'ink-floor.js');
}

/** The compile cache the floor uses, as rackpilot uses its own: a warm cache is the everyday case. */
function floorEnv() {
  const dir = join(OUT_DIR, 'compile-cache');
  mkdirSync(dir, { recursive: true });
  return { NODE_COMPILE_CACHE: dir };
}

/** Spawn of `script` to the exit of `node -e 0`, in the pty. */
export async function nodeFloor({ cols, rows }) {
  const s = new TuiSession({ node: process.execPath, entry: '-e', args: ['0'], cols, rows, cwd: ROOT });
  const spawned = s.start();
  const exitedAt = await s.waitExit(FRAME_LIMIT_MS);
  if (s.exitCode !== 0) throw new Error(`node -e 0 exited with ${s.exitCode}: ${s.stderr.slice(-300)}`);
  return exitedAt - spawned;
}

/** Spawn of `script` to the end of the bare Ink app's first frame, in the pty. */
export async function inkFloor(entry, { cols, rows }) {
  const s = new TuiSession({ node: process.execPath, entry, args: [], cols, rows, cwd: ROOT, env: floorEnv() });
  try {
    const spawned = s.start();
    const first = await s.waitFrame((f) => f.text.includes('q quit'), FRAME_LIMIT_MS, 'of the bare Ink app');
    return first.end - spawned;
  } finally {
    s.kill();
  }
}

/** Wall time of one command to its exit (not in a pty: `--version` prints one line). */
function timed(cmd, args, env) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  const ms = performance.now() - t;
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-300)}`);
  return { ms, stdout: r.stdout.trim() };
}

/**
 * `--version` as users start it, each `runs` times, interleaved with `node -e 0` so that each has the same load:
 * `./bin/rackpilot` with PATH as outside npm (its first `node` is the system's, which hands over to the pinned
 * Node when older than 22), `node bin/rackpilot` with the pinned Node, and `npx rackpilot` (the operator's report
 * measured about 2 s more for it).
 */
export function versionStartup(runs) {
  const outside = { ...process.env, PATH: (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules/.bin')).join(delimiter) };
  const systemNode = spawnSync('node', ['--version'], { env: outside, encoding: 'utf8' }).stdout?.trim() || 'none';
  const samples = { nodeFloor: [], bin: [], pinned: [], npx: [] };
  let printed;
  for (let i = 0; i < runs; i++) {
    samples.nodeFloor.push(timed(process.execPath, ['-e', '0'], process.env).ms);
    const bin = timed(join(ROOT, 'bin', 'rackpilot'), ['--version'], outside);
    printed = bin.stdout;
    samples.bin.push(bin.ms);
    samples.pinned.push(timed(process.execPath, [join(ROOT, 'bin', 'rackpilot'), '--version'], process.env).ms);
    samples.npx.push(timed('npx', ['--no-install', 'rackpilot', '--version'], outside).ms);
  }
  return { systemNode, printed, samples };
}
