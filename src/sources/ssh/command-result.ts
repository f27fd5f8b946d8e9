/** How a switch command's result reads to an operator: parsed value, or one line saying what went wrong. */
import type { CommandResult } from '../../clients/ssh/types';
import { describeError } from '../../errors';

/** A failure is the command's (it exited non-zero or was cut off) or its output's (it printed what does not parse). */
export type Judged<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly kind: 'command' | 'output' };

/**
 * A non-zero exit is the first line the command printed and its exit code ("bgpd is not running (vtysh exit
 * 1)"); output that does not parse is the parser's one-line reason, prefixed with the command's name.
 */
export function judgeResult<T>(result: CommandResult, argv: readonly string[], parse: (stdout: string) => T): Judged<T> {
  const name = commandName(argv);
  if (result.code === null) {
    // Killed or cut off (a signal, a dropped channel): its stdout is a fragment, not a message worth quoting.
    const said = firstLine(result.stderr);
    return { ok: false, kind: 'command', error: `${name} ended without an exit status (killed, or the session was cut off)${said ? `: ${said}` : ''}` };
  }
  if (result.code !== 0) {
    const said = firstLine(result.stderr) || firstLine(result.stdout) || 'no output';
    return { ok: false, kind: 'command', error: `${said} (${name} exit ${result.code})` };
  }
  try {
    return { ok: true, value: parse(result.stdout) };
  } catch (error) {
    const stderr = firstLine(result.stderr);
    return { ok: false, kind: 'output', error: `${name}: ${describeError(error)}${stderr ? ` (stderr: ${stderr})` : ''}` };
  }
}

/** vtysh or lldpctl even when wrapped in sudo or `docker exec bgp …`: that is the name an operator knows. */
export function commandName(argv: readonly string[]): string {
  const base = (a: string) => a.slice(a.lastIndexOf('/') + 1);
  const known = argv.map(base).find((a) => /^(vtysh|lldpctl|lldpcli)$/.test(a));
  return known ?? base(argv[0] ?? 'command');
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > 100 ? `${trimmed.slice(0, 97)}...` : trimmed;
}
