import { useStdout, useWindowSize } from 'ink';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** Used when stdout is not a terminal and says nothing about its size (a pipe, a CI log). */
export const FALLBACK_SIZE: TerminalSize = { columns: 80, rows: 24 };

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

/**
 * Terminal columns and rows, re-rendering on resize (Ink's `useWindowSize` owns the one shared resize
 * listener). Off a TTY, Ink would probe the controlling terminal instead; we take what the stream declares
 * (test streams do) or 80x24, so output to a pipe does not depend on the window it was started from.
 */
export function useTerminalSize(): TerminalSize {
  // Ink types stdout as a plain writable; a TTY stream (and the test fake) also carries these fields.
  const stdout = useStdout().stdout as { isTTY?: boolean; columns?: number; rows?: number };
  const size = useWindowSize();
  if (stdout.isTTY) return size;
  return {
    columns: positive(stdout.columns) ?? FALLBACK_SIZE.columns,
    rows: positive(stdout.rows) ?? FALLBACK_SIZE.rows,
  };
}
