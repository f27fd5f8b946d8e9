import type { RenderOptions } from 'ink';

/**
 * How the TUI asks Ink to draw (its stdout aside). bench/ink-floor.mjs draws the start-up floor with the same, so
 * the floor is an Ink app rendered as rackpilot renders.
 */
export const TUI_RENDER_OPTIONS = {
  alternateScreen: true,
  // Ink treats CI=true as "not interactive" and would draw nothing until exit; a real TTY is interactive.
  interactive: true,
  incrementalRendering: true,
  // Ink draws at most this many frames a second and holds back a frame that comes sooner. At its default of 30 a key
  // pressed within 33 ms after a clock tick or a data update waited for the rest of that window: the filter's
  // key-to-frame p95 sat at 40 ms instead of 5 (bench). 120 still merges the renders of a burst.
  maxFps: 120,
  // Ctrl-C is the app's own key (it aborts a running wizard before quitting), not Ink's exit.
  exitOnCtrlC: false,
  patchConsole: true,
} as const satisfies RenderOptions;
