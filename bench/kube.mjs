// `npm run bench -- --only kube`: rackpilot's TUI against a real kube-apiserver (the kube lab) holding 1,000 Shoots,
// 200 Nodes and 3,000 Pods: time from start to the first complete snapshot (both kube sources ok), one Shoot status
// change to the frame that shows it (p95 of 20), and the peak memory of the process. Bundles bench/kube-lab.ts
// (the lab and its filling, from test/lab/kube) with esbuild into dist/bench/.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { TuiSession } from './session.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COUNTS = { shoots: 1000, nodes: 200, pods: 3000 };
const CHANGES = 20;
const MB = 1024 * 1024;
const TARGETS = { firstCompleteMs: 3000, changeP95Ms: 500, peakRssMB: 250 };
const log = (msg) => process.stderr.write(`bench kube: ${msg}\n`);
const round = (x) => Math.round(x * 10) / 10;

export async function runKube() {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/kube-lab.ts'],
    outdir: join(ROOT, 'dist', 'bench'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __rpCreateRequire } from 'node:module'; const require = __rpCreateRequire(import.meta.url);" },
  });
  const labSide = await import(join(ROOT, 'dist', 'bench', 'kube-lab.js'));
  const available = await labSide.kubeLabAvailability();
  if (!available.ok) return { skipped: `kube lab unavailable: ${available.reason}`, pass: true };
  const filling = performance.now();
  const lab = await labSide.filledLab(COUNTS);
  log(`lab filled with ${COUNTS.shoots} shoots, ${COUNTS.nodes} nodes, ${COUNTS.pods} pods in ${round((performance.now() - filling) / 1000)} s`);
  const config = join(lab.dir, 'bench.yaml');
  writeFileSync(config, `kubernetes:\n  kubeconfig: ${lab.kubeconfigPath}\n  garden: lab\n  initial: lab\n`);
  const s = new TuiSession({ node: process.execPath, entry: join(ROOT, 'bin', 'rackpilot'), args: ['--config', config], cols: 160, rows: 48, cwd: ROOT });
  try {
    const spawned = s.start();
    const complete = await s.waitFrame(() => /shoots \(garden\) ok/.test(seen(s)) && /control plane \(initial\) ok/.test(seen(s)), 30_000, 'both kube sources ok');
    const firstCompleteMs = complete.end - spawned;
    log(`first complete snapshot after ${round(firstCompleteMs)} ms`);
    await s.press('5', (f) => f.text.includes('[5 Shoots'), 'the shoots pane');
    await sleep(500);
    const changes = [];
    for (let i = 0; i < CHANGES; i++) {
      // Alternately False and True again: the row's CONDITIONS cell reads "1 False", then "5/5 True".
      const ready = i % 2 === 1;
      const cell = ready ? '5/5 True' : '1 False';
      const from = s.frames.length;
      const t = performance.now();
      await labSide.everyNodeReady(lab, 'garden-p0', 's0000', ready);
      const frame = await s.waitFrame((f) => f.text.includes('p0/s0000') && f.text.includes(cell), 5000, `the frame showing ${cell}`, from);
      changes.push(frame.end - t);
      await sleep(100);
    }
    const sorted = [...changes].sort((a, b) => a - b);
    const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1];
    const peakRssMB = round(s.peakRss() / MB);
    await s.close();
    const result = {
      objects: COUNTS,
      firstCompleteMs: round(firstCompleteMs),
      shootChangeToFrameMs: { n: changes.length, p50: round(sorted[Math.floor(sorted.length / 2)]), p95: round(p95), max: round(sorted.at(-1)) },
      peakRssMB,
      targets: [
        { metric: 'start to first complete snapshot (ms)', target: `<= ${TARGETS.firstCompleteMs}`, measured: round(firstCompleteMs), pass: firstCompleteMs <= TARGETS.firstCompleteMs },
        { metric: 'shoot change to frame p95 (ms)', target: `<= ${TARGETS.changeP95Ms}`, measured: round(p95), pass: p95 <= TARGETS.changeP95Ms },
        { metric: 'peak RSS (MB)', target: `<= ${TARGETS.peakRssMB}`, measured: peakRssMB, pass: peakRssMB <= TARGETS.peakRssMB },
      ],
    };
    return { ...result, pass: result.targets.every((x) => x.pass) };
  } finally {
    if (!s.exited) s.kill();
    await lab.stop();
  }
}

/** Everything the session has shown so far (frames are diffs: a header state may sit in an earlier frame). */
function seen(s) {
  return s.frames.map((f) => f.text).join('\n');
}
