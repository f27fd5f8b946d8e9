import { parseArgs } from 'node:util';
import { UsageError } from '../src/errors';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** node:util parseArgs, with its errors turned into one-line usage errors (exit 64). */
export function parseFlags<T extends OptionSpec>(argv: readonly string[], options: T, command: string) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message?.replace(/\. To specify a positional.*$/, '')}`, {
      hint: `run \`rackpilot ${command} --help\` for the flags`,
    });
  }
}

/** A positive integer flag such as --scale; anything else is a usage error naming the flag. */
export function positiveInt(flag: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--${flag}: expected a whole number from 1 to ${max}, got "${value}"`);
  }
  return n;
}
