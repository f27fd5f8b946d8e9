// The metal-api benchmark's TUI part: the built rackpilot with a config that points at the stand-in metal-api
// (bench/metal-api.server.ts, forked here) serving 1,700 machines, polling every second, on the machines pane in
// the benchmark's pseudo-terminal (bench/session.mjs). Counts the frames that change anything below the header line
// while each find moves 5 machines on, then while nothing changes (there must be none), and the peak RSS.

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkScript, TuiSession } from './session.mjs';

const KEY = 'bench-view-key';
const KEY_ENV = 'BENCH_METAL_VIEW_KEY';
const WINDOW_MS = 10_000;
const SETTLE_MS = 2000;
const MB = 1024 * 1024;
const log = (msg) => process.stderr.write(`bench metal-api tui: ${msg}\n`);
const round = (x) => Math.round(x * 10) / 10;
const touchesBody = (f) => [...f.touched].some((r) => r > 0);

/** The server process with a request/answer channel (answers come in request order). */
function serverProcess(path) {
  const child = fork(path, [], { execPath: process.execPath, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = [];
  child.on('message', (reply) => waiting.shift()?.(reply));
  const ask = (request) =>
    new Promise((resolve, reject) => {
      waiting.push(resolve);
      child.send(request, (error) => error && reject(error));
    });
  return { child, ask };
}

/** Frames, bytes and polls in a window of WINDOW_MS from now. */
async function window(s, server) {
  const from = performance.now();
  const firstFrame = s.frames.length;
  const findsBefore = (await server.ask({ type: 'stats' })).finds;
  await sleep(WINDOW_MS);
  const to = performance.now();
  const finds = (await server.ask({ type: 'stats' })).finds - findsBefore;
  const frames = s.frames.slice(firstFrame).filter((f) => f.start >= from && f.end < to);
  const body = frames.filter(touchesBody);
  return { windowMs: round(to - from), polls: finds, frames: frames.length, framesBelowHeader: body.length, bytesBelowHeader: body.reduce((n, f) => n + f.bytes, 0), bytes: s.bytesBetween(from, to) };
}

export async function runMetalApiTui({ server: serverPath, root, machines = 1700, events = 40 }) {
  try {
    checkScript();
  } catch (error) {
    return { skipped: error.message };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-bench-metal-'));
  const server = serverProcess(serverPath);
  const s = new TuiSession({ node: process.execPath, entry: join(root, 'bin', 'rackpilot'), args: ['--config', join(dir, 'bench.yaml')], cols: 160, rows: 48, cwd: root });
  try {
    const ready = await server.ask({ type: 'start', machines, events, key: KEY });
    writeFileSync(join(dir, 'bench.yaml'), `metalApi:\n  url: ${ready.url}\n  hmacKeyEnv: ${KEY_ENV}\n  interval: 1s\n  timeout: 10s\n`);
    process.env[KEY_ENV] = KEY;
    const spawned = s.start();
    const ok = await s.waitFrame(() => s.frames.some((f) => f.text.includes('machines (metal-api) ok')), 30_000, 'machines (metal-api) ok');
    log(`first frame with the machines after ${round(ok.end - spawned)} ms`);
    await s.press('4', (f) => f.text.includes('[4 Machines]'), 'the machines pane');
    await server.ask({ type: 'progress', perFind: 5 });
    await sleep(SETTLE_MS);
    const changing = await window(s, server);
    log(`5 machines per poll: ${JSON.stringify(changing)}`);
    await server.ask({ type: 'progress', perFind: 0 });
    // The poll under way may still carry the last change.
    await sleep(SETTLE_MS);
    const unchanged = await window(s, server);
    log(`nothing changed: ${JSON.stringify(unchanged)}`);
    const peakRssMB = round(s.peakRss() / MB);
    await s.close();
    return { machines, eventsPerMachine: events, interval: '1s', firstMachinesFrameMs: round(ok.end - spawned), changing: { machinesChangedPerPoll: 5, ...changing }, unchanged, peakRssMB };
  } finally {
    if (!s.exited) s.kill();
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
