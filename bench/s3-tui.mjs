// The S3 benchmark's TUI part: the built rackpilot with a config whose backups: point at the S3 lab the store
// client just measured (one component of 1,500 versions, three of about 30), polling every second, on the Backups
// pane in the benchmark's pseudo-terminal (bench/session.mjs). Counts the frames that change anything below the
// header line while nothing changes (there must be none), and the peak RSS.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkScript, TuiSession } from './session.mjs';

const WINDOW_MS = 10_000;
const SETTLE_MS = 2000;
const MB = 1024 * 1024;
const log = (msg) => process.stderr.write(`bench s3 tui: ${msg}\n`);
const round = (x) => Math.round(x * 10) / 10;
const touchesBody = (f) => [...f.touched].some((r) => r > 0);

/** `components`: the ids the store client wrote (bench/s3.client.ts), in `bucket` at `endpoint`. */
export async function runS3Tui({ root, endpoint, bucket, components, keys }) {
  try {
    checkScript();
  } catch (error) {
    return { skipped: error.message };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-bench-s3tui-'));
  const s = new TuiSession({ node: process.execPath, entry: join(root, 'bin', 'rackpilot'), args: ['--config', join(dir, 'bench.yaml')], cols: 160, rows: 48, cwd: root });
  const entry = (id) => `  - { id: ${id}, endpoint: "${endpoint}", bucket: ${bucket}, database: postgres, accessKeyIdEnv: BENCH_S3_ACCESS, secretAccessKeyEnv: BENCH_S3_SECRET, interval: 1s, timeout: 10s }`;
  writeFileSync(join(dir, 'bench.yaml'), `backups:\n${components.map(entry).join('\n')}\n`);
  process.env.BENCH_S3_ACCESS = keys.access;
  process.env.BENCH_S3_SECRET = keys.secret;
  try {
    const spawned = s.start();
    await s.waitFrame((f) => f.text.includes('q quit'), 20_000, 'the first frame');
    await s.press('6', (f) => f.text.includes('[6 Backups'), 'the Backups pane');
    // Every component listed: the big one's row shows its 1,500 versions.
    const shown = await s.waitFrame(() => seen(s).includes('1500') && components.every((id) => seen(s).includes(id)), 30_000, 'the Backups pane with every component');
    log(`first frame with every component after ${round(shown.end - spawned)} ms`);
    await sleep(SETTLE_MS);
    const from = performance.now();
    const firstFrame = s.frames.length;
    await sleep(WINDOW_MS);
    const to = performance.now();
    const frames = s.frames.slice(firstFrame).filter((f) => f.start >= from && f.end < to);
    const body = frames.filter(touchesBody);
    const unchanged = { windowMs: round(to - from), frames: frames.length, framesBelowHeader: body.length, bytesBelowHeader: body.reduce((n, f) => n + f.bytes, 0), bytes: s.bytesBetween(from, to) };
    log(`nothing changed: ${JSON.stringify(unchanged)}`);
    const peakRssMB = round(s.peakRss() / MB);
    await s.close();
    return { components: components.length, interval: '1s', firstBackupsFrameMs: round(shown.end - spawned), unchanged, peakRssMB };
  } finally {
    if (!s.exited) s.kill();
    delete process.env.BENCH_S3_ACCESS;
    delete process.env.BENCH_S3_SECRET;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything the session has shown so far (frames are diffs: a row may sit in an earlier frame). */
function seen(s) {
  return s.frames.map((f) => f.text).join('\n');
}
