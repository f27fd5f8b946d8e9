/**
 * A local tool (ssh, ansible-playbook, metalctl) run the one way rackpilot runs processes: execa with an argument
 * array and no shell, so spaces and metacharacters reach the program exactly as written; a timeout; abort through
 * a signal; stdout and stderr handed over line by line while they come; failures as one line an operator can act
 * on. execa is imported on first use, so nothing of it loads on the way to the first frame.
 */
import type { Millis } from '../../model/time';

export interface CommandRequest {
  readonly argv: readonly string[];
  readonly timeout: Millis;
  readonly signal: AbortSignal;
  /** One line of output, without its newline, as soon as the line is complete. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** After the timeout or an abort, SIGTERM; this long later SIGKILL. */
  readonly killAfter?: Millis;
}

export interface CommandResult {
  readonly ok: boolean;
  readonly exitCode?: number;
  /** Why it failed, one line: "exit code 2", "timed out after 30 s", "not found on PATH". */
  readonly error?: string;
}

export async function runCommand(req: CommandRequest): Promise<CommandResult> {
  const [file, ...args] = req.argv;
  if (file === undefined || file === '') return { ok: false, error: 'no program to run (empty argv)' };
  if (req.signal.aborted) return { ok: false, error: 'cancelled before it started' };
  const { execa } = await import('execa');
  const lines = (stream: 'stdout' | 'stderr') =>
    // biome-ignore lint/correctness/useYield: execa's per-line transform; yielding nothing hands the line to the caller only, never to a buffer.
    function* (line: unknown) {
      req.onLine(String(line), stream);
    };
  const sub = execa(file, args, {
    shell: false,
    reject: false,
    // The operator's terminal belongs to the wizard: a tool that asks on stdin gets end-of-file, not a hang.
    stdin: 'ignore',
    stdout: lines('stdout'),
    stderr: lines('stderr'),
    buffer: false,
    // Its own process group, stopped as a whole: a playbook's or a shell's children would otherwise outlive a
    // timeout or Ctrl-C and keep the output open, so the call would not end until they did.
    detached: true,
  });
  let why: 'timeout' | 'cancel' | undefined;
  let hard: NodeJS.Timeout | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (sub.pid !== undefined) process.kill(-sub.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stop = (reason: 'timeout' | 'cancel') => {
    if (why) return;
    why = reason;
    signalGroup('SIGTERM');
    hard = setTimeout(() => signalGroup('SIGKILL'), req.killAfter ?? 5_000);
  };
  const timer = setTimeout(() => stop('timeout'), req.timeout);
  const onAbort = () => stop('cancel');
  req.signal.addEventListener('abort', onAbort, { once: true });
  const r = await sub.finally(() => {
    clearTimeout(timer);
    clearTimeout(hard);
    req.signal.removeEventListener('abort', onAbort);
  });
  const exit = r.exitCode === undefined ? {} : { exitCode: r.exitCode };
  if (why === 'timeout') return { ...exit, ok: false, error: `timed out after ${seconds(req.timeout)}, stopped` };
  if (why === 'cancel') return { ...exit, ok: false, error: 'cancelled, stopped' };
  if (!r.failed) return { ok: true, exitCode: 0 };
  const code = (r as { code?: unknown }).code;
  if (code === 'ENOENT') return { ok: false, error: `${file}: no such program (is it installed and on PATH?)` };
  if (code === 'EACCES') return { ok: false, error: `${file}: not executable (permission denied)` };
  if (r.exitCode !== undefined) return { ok: false, exitCode: r.exitCode, error: `exit code ${r.exitCode}` };
  if (r.signal) return { ok: false, error: `killed by ${r.signal}` };
  return { ok: false, error: (r.shortMessage ?? 'failed').split('\n')[0] ?? 'failed' };
}

function seconds(ms: Millis): string {
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
