// V8's young generation, capped for rackpilot's polls (README "Benchmarks"). By default its new space doubles up
// to 64-128 MB under the garbage of big polls (metal-api's 8 MB machine list every poll, the simulated rack's
// changes) and keeps that size, and the buffers of answers read in the meantime live until a GC happens to run:
// the metal-api benchmark peaked at 250-270 MB with 25 MB of live heap. With the new space capped at 16 MB it is
// scavenged more often, each time briefly, and frees those buffers early (peak 165-192 MB; key latency on the simulated rack
// within the noise of A/B runs). --max-semi-space-size would say this on Node's command line, which the bin
// cannot set without a re-exec, and does nothing when set at run time; the growth factor does take effect at run
// time, so growth is stopped once the new space has reached the cap, as seen after a GC (the observer runs on the
// next turn of the event loop: one long synchronous stretch could still double it past the cap before that, so the
// TUI has it grown to the cap and stopped before its first poll, growYoungGenerationNow below).
// test/e2e/bin-v8-memory.test.ts holds the pinned Node to it.
// Loaded by bin/rackpilot after its Node version check, so modern syntax is fine here.
'use strict';
const v8 = require('node:v8');
const { PerformanceObserver } = require('node:perf_hooks');

const NEW_SPACE_CAP = 16 * 1024 * 1024;
const newSpaceSize = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

const observer = new PerformanceObserver(() => {
  if (newSpaceSize() < NEW_SPACE_CAP) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  observer.disconnect();
});
observer.observe({ entryTypes: ['gc'] });

/**
 * Grows the new space to the cap now, in one step, and stops it there: the TUI calls it (commands/young-generation.ts)
 * after its first frame, right before the first poll. Left to the observer alone the cap came too late: GC entries
 * reach it only after a long synchronous stretch ends, and building the 10,000-machine simulated rack is one, which
 * doubled the new space up to 128 MB (bench at --scale 10000: peak RSS 375-437 MB, 254-284 MB with this). A few
 * thousand small objects that survive a scavenge make V8 grow the space by the growth factor; about 5 ms, which is
 * why it is not done on the way to the first frame.
 */
function growYoungGenerationNow() {
  const size = newSpaceSize();
  if (size === 0) return;
  if (size >= NEW_SPACE_CAP) {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    return;
  }
  v8.setFlagsFromString(`--semi-space-growth-factor=${Math.max(2, Math.round(NEW_SPACE_CAP / size))}`);
  let survivors = [];
  for (let n = 0; n < 100_000 && newSpaceSize() < NEW_SPACE_CAP; n += 4000) {
    for (let k = 0; k < 4000; k++) survivors.push([n + k]);
  }
  survivors = undefined;
  // No more growth, whether or not the cap was reached. Left at 2 when V8 stopped short of it (12 MB of 16 under
  // tmux), the observer came too late again: the 10,000-machine rack's first poll doubled the space to 128 MB on
  // its way (RSS 262-270 MB under tmux or screen against 190 MB in the benchmark's pty, same build).
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
process[Symbol.for('rackpilot.growYoungGeneration')] = growYoungGenerationNow;
