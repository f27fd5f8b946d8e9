import { Box } from 'ink';

/** Blank lines as one empty box of that height (nothing when lines <= 0): one Ink node however many lines. */
export function Spacer({ lines }: { lines: number }) {
  return lines > 0 ? <Box height={lines} /> : null;
}
