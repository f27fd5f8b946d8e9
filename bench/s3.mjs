// `npm run bench -- --only s3`: rackpilot's S3 backup source and store polling a real Ceph radosgw with object
// versioning (the S3 lab, scripts/s3-lab; needs the ceph packages, installed on first use as root): one component
// key with 1,500 versions (two pages of ListObjectVersions) and three of 20 versions (bench/s3.client.ts; the
// versions are written by bench/s3.writer.ts). Without the lab the entry says why and is skipped. Bundles the
// TypeScript parts with esbuild into dist/bench/. Also runs alone: node bench/s3.mjs [--big-versions N]
// [--small N] [--small-versions N] [--polls N] (--cpu-prof and the like go to the client's node with --node-arg).

import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCommit, bundleBench, clientResult, OUT_DIR, ROOT } from './bundle.mjs';
import { runS3Tui } from './s3-tui.mjs';

const RUN_LIMIT_MS = 5 * 60_000;
// Work: what a poll costs the process beyond waiting for radosgw, with 1,500 versions listed.
const TARGETS = { workP95Ms: 100, peakRssMB: 200 };
const log = (msg) => process.stderr.write(`bench s3: ${msg}\n`);
const round = (x) => Math.round(x * 100) / 100;

/** Resolves with the benchmark's JSON result (pass or not; `skipped` with the reason when there is no lab). */
export async function runS3(argv = []) {
  const { values } = parseArgs({
    args: argv,
    options: { 'node-arg': { type: 'string', multiple: true }, 'no-tui': { type: 'boolean' }, 'big-versions': { type: 'string' }, small: { type: 'string' }, 'small-versions': { type: 'string' }, polls: { type: 'string' } },
  });
  const clientArgs = ['big-versions', 'small', 'small-versions', 'polls'].flatMap((k) => (values[k] ? [`--${k}`, values[k]] : []));
  // The SDK stays external, as in the product's bundle (scripts/build.mjs).
  await bundleBench(['bench/s3.client.ts', 'bench/s3.writer.ts', 'bench/s3-lab.ts'], ['@aws-sdk/*', 'p-limit']);
  const labSide = await import(join(OUT_DIR, 's3-lab.js'));
  const available = await labSide.s3LabAvailability();
  if (!available.ok) return { skipped: `S3 lab unavailable: ${available.reason}`, pass: true };
  const starting = performance.now();
  let lab;
  try {
    lab = await labSide.startS3Lab();
  } catch (error) {
    // Packages there, but no radosgw came up (the harness tried twice): no lab on this machine, as above.
    return { skipped: `${error instanceof Error ? error.message : error}`, pass: true };
  }
  const labStartSeconds = round((performance.now() - starting) / 1000);
  log(`radosgw up at ${lab.endpoint} after ${labStartSeconds} s`);
  try {
    const loadAtStart = loadavg()[0];
    // The V8 settings bin/rackpilot makes, so that the figures are the program's. The keys go by environment.
    const env = { ...process.env, BENCH_S3_ACCESS: labSide.ACCESS, BENCH_S3_SECRET: labSide.SECRET };
    const child = spawn(
      process.execPath,
      ['--require', join(ROOT, 'bin', 'v8-memory.cjs'), ...(values['node-arg'] ?? []), '--expose-gc', join(OUT_DIR, 's3.client.js'), '--writer', join(OUT_DIR, 's3.writer.js'), '--endpoint', lab.endpoint, ...clientArgs],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const store = await clientResult(child, 's3', RUN_LIMIT_MS);
    const tui = values['no-tui']
      ? undefined
      : await runS3Tui({ root: ROOT, endpoint: lab.endpoint, bucket: store.bucket, components: store.components.map((c) => c.id), keys: { access: labSide.ACCESS, secret: labSide.SECRET } });
    const machine = { cpus: cpus().length, node: process.version, loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]) } };
    const work = (phase) => ({ target: `<= ${TARGETS.workP95Ms}`, measured: phase.workMs.p95, pass: phase.workMs.p95 <= TARGETS.workP95Ms });
    const targets = [
      { metric: 'one new version: work after the last S3 answer per poll, p95 (ms)', ...work(store.changing) },
      { metric: 'nothing changed: work after the last S3 answer per poll, p95 (ms)', ...work(store.unchanged) },
      { metric: 'one new version: polls that published a snapshot', target: `${store.changing.polls}`, measured: store.changing.pollsThatPublished, pass: store.changing.pollsThatPublished === store.changing.polls },
      { metric: 'nothing changed: polls that published a snapshot', target: '0', measured: store.unchanged.pollsThatPublished, pass: store.unchanged.pollsThatPublished === 0 },
      { metric: 'client peak RSS (MB)', target: `<= ${TARGETS.peakRssMB}`, measured: store.memory.peakRssMB, pass: store.memory.peakRssMB <= TARGETS.peakRssMB },
    ];
    if (tui && !tui.skipped) {
      targets.push(
        { metric: 'nothing changed: TUI frames below the header line', target: '0', measured: tui.unchanged.framesBelowHeader, pass: tui.unchanged.framesBelowHeader === 0 },
        { metric: 'TUI peak RSS (MB)', target: `<= ${TARGETS.peakRssMB}`, measured: tui.peakRssMB, pass: tui.peakRssMB <= TARGETS.peakRssMB },
      );
    }
    return { commit: benchCommit(), machine, lab: { radosgw: 'Ceph radosgw (scripts/s3-lab/start-ceph.sh)', startSeconds: labStartSeconds }, store, ...(tui ? { tui } : {}), targets, pass: targets.every((t) => t.pass) };
  } finally {
    await lab.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runS3(process.argv.slice(2)).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`bench s3: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
