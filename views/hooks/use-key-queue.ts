import { useEffect, useRef } from 'react';
import type { KeyPress } from '../../src/present/key-chunks';

/**
 * Runs keypresses one at a time, each against the state the one before it produced: a key that changes the state
 * waits until a render shows exactly the state it leads to (so the next key sees that render's rows, detail and
 * pane), then the next key runs. `4 j j Enter` arriving in one chunk switches the pane, moves twice in the new
 * pane's rows and opens the right one. `handle` returns the state its key leads to, or undefined for no change.
 */
const STALL_MS = 1_000;

export function useKeyQueue<S>(state: S, handle: (press: KeyPress) => S | undefined): (presses: readonly KeyPress[]) => void {
  const queue = useRef<KeyPress[]>([]);
  // The state the last key leads to, until a render shows it; compared by value (the reducer makes new objects).
  const expected = useRef<string | undefined>(undefined);
  const since = useRef(0);
  const latest = useRef(handle);
  latest.current = handle;

  const drain = () => {
    while (expected.current === undefined && queue.current.length > 0) {
      const next = latest.current(queue.current.shift() as KeyPress);
      if (next !== undefined) {
        expected.current = JSON.stringify(next);
        since.current = Date.now();
      }
    }
  };

  const shown = JSON.stringify(state);
  useEffect(() => {
    if (expected.current === undefined || expected.current !== shown) return;
    expected.current = undefined;
    drain();
  });

  return (presses) => {
    queue.current.push(...presses);
    // A state that never showed (something else changed it meanwhile) must not hold the keyboard: after a second,
    // the next keys run against what is on screen.
    if (expected.current !== undefined && Date.now() - since.current > STALL_MS) expected.current = undefined;
    drain();
  };
}
