// V8's young generation, capped for rackpilot's polls (README "Benchmarks"). By default its new space doubles up
// to 64-128 MB under the garbage of big polls (metal-api's 8 MB machine list every poll, the simulated rack's
// changes) and keeps that size, and the buffers of answers read in the meantime live until a GC happens to run:
// the metal-api benchmark peaked at 250-270 MB with 25 MB of live heap. With the new space capped at 16 MB it is
// scavenged more often, each time briefly, and frees those buffers early (peak 165-192 MB; key latency on the simulated rack
// within the noise of A/B runs). --max-semi-space-size would say this on Node's command line, which the bin
// cannot set without a re-exec, and does nothing when set at run time; the growth factor does take effect at run
// time, so growth is stopped once the new space has reached the cap, as seen after a GC (the observer runs on the
// next turn of the event loop: one long synchronous stretch could still double it past the cap before that).
// test/e2e/bin-v8-memory.test.ts holds the pinned Node to it.
// Loaded by bin/rackpilot after its Node version check, so modern syntax is fine here.
'use strict';
const v8 = require('node:v8');
const { PerformanceObserver } = require('node:perf_hooks');

const NEW_SPACE_CAP = 16 * 1024 * 1024;
const observer = new PerformanceObserver(() => {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space || space.space_size < NEW_SPACE_CAP) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  observer.disconnect();
});
observer.observe({ entryTypes: ['gc'] });
