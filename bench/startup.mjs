// The start-up part of `npm run bench`: rackpilot's launches interleaved with the floors (bench/floors.mjs), so
// each launch and its floors see the same load, and every start-up figure printed as milliseconds and as a
// multiple of the floors.

import { inkFloor, nodeFloor, versionStartup } from './floors.mjs';

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A start-up figure beside its floors: milliseconds, and how many times `node -e 0` and the bare Ink app it took. */
export function againstFloors(ms, floors) {
  return { ms: round(ms), xNode: round(ms / floors.node, 2), xInk: round(ms / floors.ink, 2) };
}

/**
 * `runs` launches of rackpilot (`launch()` starts one and resolves with its first-frame time and the session; all
 * but the last are closed by `done(session)`), each right after one `node -e 0` and one bare Ink app in the same
 * pty. Resolves with the medians and the last session, still running.
 */
export async function interleavedLaunches({ runs, launch, done, inkEntry, terminal }) {
  const node = [];
  const ink = [];
  const starts = [];
  let last;
  for (let i = 0; i < runs; i++) {
    node.push(await nodeFloor(terminal));
    ink.push(await inkFloor(inkEntry, terminal));
    const { ms, session } = await launch();
    starts.push(ms);
    if (i < runs - 1) await done(session);
    else last = session;
  }
  const floors = { node: median(node), ink: median(ink) };
  return {
    floors,
    floorsMs: { node: { p50: round(floors.node), runs: node.map((x) => round(x)) }, ink: { p50: round(floors.ink), runs: ink.map((x) => round(x)) } },
    starts,
    firstFrameMs: median(starts),
    session: last,
  };
}

/** `--version` start-up (bench/floors.mjs versionStartup) as medians, beside `node -e 0` timed the same way. */
export function versionFigures(runs, targetMs) {
  const { systemNode, printed, samples } = versionStartup(runs);
  const node = median(samples.nodeFloor);
  const figure = (xs) => ({ p50: round(median(xs)), xNode: round(median(xs) / node, 2), runs: xs.map((x) => round(x)) });
  const bin = figure(samples.bin);
  return {
    printed,
    systemNode,
    nodeFloorMs: round(node),
    binRackpilot: bin,
    pinnedNode: figure(samples.pinned),
    npx: figure(samples.npx),
    target: { metric: './bin/rackpilot --version (ms, median)', target: `< ${targetMs}`, measured: bin.p50, pass: bin.p50 < targetMs },
  };
}
