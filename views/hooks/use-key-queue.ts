import { useInput } from 'ink';
import { useEffect, useRef } from 'react';
import { type KeyPress, keyPresses } from '../../src/present/key-chunks';

/**
 * Runs keypresses one at a time, each against the state the one before it produced: a key that changes the state
 * waits until a render shows exactly the state it leads to (so the next key sees that render's rows, detail and
 * pane), then the next key runs. `4 j j Enter` arriving in one chunk switches the pane, moves twice in the new
 * pane's rows and opens the right one. `handle` returns the state its key leads to, undefined for no change, or
 * DROP_REST when its key answered a question or handed the keyboard on (see DROP_REST).
 */
const STALL_MS = 1_000;

/**
 * What a key returns when it answered a wizard's question, opened or closed a wizard, or aborted a run: the keys
 * behind it in the queue are dropped. They were typed before the next question was on screen, and a question (a
 * destructive step, a version to restore) is answered only by keys pressed while it is shown.
 */
export const DROP_REST: unique symbol = Symbol('drop the rest of the chunk');

export type KeyResult<S> = S | undefined | typeof DROP_REST;

export function useKeyQueue<S>(state: S, handle: (press: KeyPress) => KeyResult<S>): (presses: readonly KeyPress[]) => void {
  const queue = useRef<KeyPress[]>([]);
  // The state the last key leads to, until a render shows it; compared by value (the reducer makes new objects).
  const expected = useRef<string | undefined>(undefined);
  const since = useRef(0);
  const latest = useRef(handle);
  latest.current = handle;

  const drain = () => {
    while (expected.current === undefined && queue.current.length > 0) {
      const next = latest.current(queue.current.shift() as KeyPress);
      if (next === DROP_REST) queue.current = [];
      else if (next !== undefined) {
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

/**
 * Ink's input, every key of a chunk handled in order through the queue above: what a component that owns keys
 * (the panes, the wizard, its version list) uses instead of a bare useInput, which would see `jjj` as one key.
 */
export function useQueuedInput<S>(state: S, handle: (press: KeyPress) => KeyResult<S>, options: { isActive?: boolean } = {}): void {
  const run = useKeyQueue(state, handle);
  useInput((input, key) => run(keyPresses(input, key)), options);
}
