// `npm run bench -- --only metal-api`: rackpilot's machines (metal-api) source and store polling a stand-in metal-api
// with 1,700 machines of 40 events each (bench/metal-api.client.ts; the server is bench/metal-api.server.ts), then
// the built TUI on the same server (bench/metal-api-tui.mjs). Bundles the TypeScript parts with esbuild into
// dist/bench/. Also runs alone: node bench/metal-api.mjs [--machines N] [--events N] [--changes N] [--polls N]
// (flags after the first go to the client; --cpu-prof and the like go to the client's node with --node-arg).

import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCommit, bundleBench, clientResult, OUT_DIR, ROOT } from './bundle.mjs';
import { runMetalApiTui } from './metal-api-tui.mjs';

const RUN_LIMIT_MS = 5 * 60_000;
const TARGETS = { workP95Ms: 150, peakRssMB: 200 };

async function bundle() {
  await bundleBench(['bench/metal-api.client.ts', 'bench/metal-api.server.ts']);
  // The contract helper reads the swagger next to itself (import.meta.dirname): next to the bundle, here.
  mkdirSync(OUT_DIR, { recursive: true });
  copyFileSync(join(ROOT, 'test', 'fixtures', 'metal-api', 'metal-api.json'), join(OUT_DIR, 'metal-api.json'));
  return { client: join(OUT_DIR, 'metal-api.client.js'), server: join(OUT_DIR, 'metal-api.server.js') };
}

const round = (x) => Math.round(x * 100) / 100;

/** Runs the client once and resolves with its JSON; rejects when the run itself failed. */
async function runClient(client, server, args, nodeArgs) {
  // The V8 settings bin/rackpilot makes, so that the figures are the program's.
  const child = spawn(process.execPath, ['--require', join(ROOT, 'bin', 'v8-memory.cjs'), ...nodeArgs, '--expose-gc', client, '--server', server, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return clientResult(child, 'metal-api', RUN_LIMIT_MS);
}

/** Resolves with the benchmark's JSON result (pass or not). */
export async function runMetalApi(argv = []) {
  const { values } = parseArgs({
    args: argv,
    options: { 'node-arg': { type: 'string', multiple: true }, 'no-tui': { type: 'boolean' }, machines: { type: 'string' }, events: { type: 'string' }, changes: { type: 'string' }, polls: { type: 'string' } },
  });
  const clientArgs = ['machines', 'events', 'changes', 'polls'].flatMap((k) => (values[k] ? [`--${k}`, values[k]] : []));
  const { client, server } = await bundle();
  // The machine is shared (other test runs): the load says how far the figures can be trusted.
  const loadAtStart = loadavg()[0];
  const store = await runClient(client, server, clientArgs, values['node-arg'] ?? []);
  const tui = values['no-tui'] ? undefined : await runMetalApiTui({ server, root: ROOT });
  const machine = { cpus: cpus().length, node: process.version, loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]) } };
  const work = (phase) => ({ target: `<= ${TARGETS.workP95Ms}`, measured: phase.workMs.p95, pass: phase.workMs.p95 <= TARGETS.workP95Ms });
  const targets = [
    { metric: '5 machines changed: parse + diff + publish per poll, p95 (ms)', ...work(store.changing) },
    { metric: 'nothing changed: parse + diff + publish per poll, p95 (ms)', ...work(store.unchanged) },
    { metric: 'nothing changed: polls that published a snapshot', target: '0', measured: store.unchanged.pollsThatPublished, pass: store.unchanged.pollsThatPublished === 0 },
    { metric: 'store client peak RSS (MB)', target: `<= ${TARGETS.peakRssMB}`, measured: store.memory.peakRssMB, pass: store.memory.peakRssMB <= TARGETS.peakRssMB },
  ];
  if (tui && !tui.skipped) {
    targets.push(
      { metric: 'nothing changed: TUI frames below the header line', target: '0', measured: tui.unchanged.framesBelowHeader, pass: tui.unchanged.framesBelowHeader === 0 },
      { metric: 'TUI peak RSS (MB)', target: `<= ${TARGETS.peakRssMB}`, measured: tui.peakRssMB, pass: tui.peakRssMB <= TARGETS.peakRssMB },
    );
  }
  return { commit: benchCommit(), machine, store, ...(tui ? { tui } : {}), targets, pass: targets.every((t) => t.pass) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMetalApi(process.argv.slice(2)).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`bench metal-api: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
