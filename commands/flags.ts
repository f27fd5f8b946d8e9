import { parseArgs } from 'node:util';
import { UsageError } from '../src/errors';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

// "-5", "-0.5", "-.5": a value, never a flag (no flag starts with a digit).
const NEGATIVE_NUMBER = /^-\.?\d/;

/**
 * parseArgs refuses `--scale -5` as "argument is ambiguous" because the value starts with a dash; a negative
 * number cannot be a flag, so it is joined to its flag (`--scale=-5`) and the flag's own check says what is wrong.
 */
function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const takesValue = new Set<string>();
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (spec.short) takesValue.add(`-${spec.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') return [...out, ...argv.slice(i)];
    if (takesValue.has(arg) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** node:util parseArgs, with its errors turned into one-line usage errors (exit 64). */
export function parseFlags<T extends OptionSpec>(argv: readonly string[], options: T, command: string) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message?.replace(/\. To specify a positional.*$/, '')}`, {
      hint: `run \`rackpilot ${command} --help\` for the flags`,
    });
  }
}

/**
 * A positive integer flag such as --scale; anything else is a usage error naming the flag. `unit` names what is
 * counted ("machines"), `max` the largest value the flag takes.
 */
export function positiveInt(flag: string, value: string | undefined, options: { max?: number; unit?: string } = {}): number | undefined {
  if (value === undefined) return undefined;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    const what = `a whole number${options.unit ? ` of ${options.unit}` : ''}`;
    const range = max === Number.MAX_SAFE_INTEGER ? '≥ 1' : `from 1 to ${max}`;
    // A number is shown as typed (got -5), anything else quoted so an empty or odd value stays visible.
    const shown = /^[-+]?[\d.]+$/.test(value) ? value : JSON.stringify(value);
    throw new UsageError(`--${flag}: expected ${what} ${range}, got ${shown}`);
  }
  return n;
}
