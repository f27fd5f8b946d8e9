import { createInterface } from 'node:readline';
import type { AskLine } from '../../src/wizards/operator/line-interaction';

/**
 * Questions on a line stream (stdin). Lines are queued as they arrive, so answers piped in ahead of time are
 * used in order; end of input answers every further question with undefined (which aborts or cancels).
 */
export function createLineReader(input: NodeJS.ReadableStream, write: (text: string) => void): { ask: AskLine; close: () => void } {
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  const ask: AskLine = (prompt) => {
    write(prompt);
    const queued = lines.shift();
    if (queued !== undefined) {
      write(`${queued}\n`);
      return Promise.resolve(queued);
    }
    if (ended) {
      write('\n');
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  return { ask, close: () => rl.close() };
}
