import { compactFrame } from '../src/text/compact-frame';

/**
 * The terminal stream Ink draws on: process.stdout itself for everything (size, resize events, isTTY), except that
 * each written frame goes through compactFrame, which writes the same screen in fewer bytes (an SSH link to the
 * rack pays for every byte, even while nothing changes but the clock).
 */
export function compactOutput(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (stream.write as (c: unknown, ...r: unknown[]) => boolean)(typeof chunk === 'string' ? compactFrame(chunk) : chunk, ...rest);
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
