/**
 * Commands for one switch asked for together (the BGP and LLDP sources polled at once, as `status` and every
 * refresh do) go to the switch as one exec: `sh -c 'CMD1; printf MARK+exit; CMD2'`, the output split back at the
 * marker. Measured (README "Benchmarks", SSH poll round): over 200 switches the warm BGP + LLDP round took about
 * half the time and half the client CPU of two channels at once, because every exec costs a channel open, an exec
 * request, its exit status and close on both sides; on the 3-switch lab two channels were ~50 ms faster warm
 * (vtysh and lldpctl run one after the other here) and equal cold.
 *
 * A command asked for alone runs as it is. When the combined exec does not work out for a reason of the commands,
 * not of the connection, each command is run again on its own at once, so one command's trouble is never the
 * other's: the answer lacks the markers (no POSIX `sh`, a wrapper that mangles the command; that switch gets
 * separate commands from then on), or the exec timed out or printed too much (one of them hangs or floods; separate
 * commands for that switch for the next 10 minutes). Each command's own limit applies to its rerun; the sources
 * allow for one connect plus one command timeout plus a second, which the combined timeout and the rerun of the
 * good command fit in. The marker is random per process, so no switch output can forge it. Host keys, connections
 * and limits stay the inner shell's (the SSH pool's).
 */
import { randomBytes } from 'node:crypto';
import { SshError, SshOutputTooLargeError } from '../../clients/ssh/errors';
import type { CommandResult, HostKeyInfo, SshTarget, SwitchShell } from '../../clients/ssh/types';
import { untilAborted } from '../../abortable';
import { commandLine } from '../../shell-quote';

interface Asked {
  readonly argv: readonly string[];
  readonly signal?: AbortSignal;
  readonly resolve: (r: CommandResult) => void;
  readonly reject: (e: unknown) => void;
}

/** How long a switch whose combined exec timed out or flooded gets separate commands. */
const ALONE_AFTER_TROUBLE_MS = 10 * 60_000;

export function oneExecPerSwitch(inner: SwitchShell, now: () => number = Date.now): SwitchShell {
  const mark = `rackpilot-${randomBytes(8).toString('hex')}`;
  const waiting = new Map<string, { target: SshTarget; asked: Asked[] }>();
  /** Switches that get each command on its own, until when (Infinity: they did not run a combined command as asked). */
  const aloneUntil = new Map<string, number>();
  const alone = (name: string) => (aloneUntil.get(name) ?? 0) > now();

  const runAlone = (target: SshTarget, a: Asked) => inner.run(target, a.argv, a.signal).then(a.resolve, a.reject);

  const flush = (name: string) => {
    const batch = waiting.get(name);
    waiting.delete(name);
    if (!batch) return;
    const { target, asked } = batch;
    const first = asked[0];
    if (asked.length === 1 && first) return void runAlone(target, first);
    // One signal for the exec: it is cut off only when every caller gave up (each caller is answered at once anyway).
    const controller = new AbortController();
    let gaveUp = 0;
    for (const a of asked) {
      const onAbort = () => ++gaveUp === asked.length && controller.abort(a.signal?.reason);
      if (a.signal?.aborted) onAbort();
      else a.signal?.addEventListener('abort', onAbort, { once: true });
    }
    const script = asked.map((a, i) => (i < asked.length - 1 ? `${commandLine(a.argv)}; printf '\\n${mark}%d\\n' $?; printf '\\n${mark}\\n' >&2` : commandLine(a.argv))).join('; ');
    inner.run(target, ['sh', '-c', script], controller.signal).then(
      (result) => {
        const parts = split(result, mark, asked.length);
        if (!parts) {
          aloneUntil.set(name, Number.POSITIVE_INFINITY);
          for (const a of asked) void runAlone(target, a);
          return;
        }
        asked.forEach((a, i) => {
          const part = parts[i];
          if (part) a.resolve(part);
        });
      },
      (error: unknown) => {
        const commands = (error instanceof SshError && error.failure === 'timeout') || error instanceof SshOutputTooLargeError;
        if (!commands || controller.signal.aborted) {
          // The connection's failure (refused, host key, lost) is every command's; an abort was asked for.
          for (const a of asked) a.reject(error);
          return;
        }
        aloneUntil.set(name, now() + ALONE_AFTER_TROUBLE_MS);
        for (const a of asked) void runAlone(target, a);
      },
    );
  };

  return {
    run(target, argv, signal) {
      if (alone(target.name)) return inner.run(target, argv, signal);
      const answer = new Promise<CommandResult>((resolve, reject) => {
        let batch = waiting.get(target.name);
        if (!batch) {
          batch = { target, asked: [] };
          waiting.set(target.name, batch);
          // Every command asked for in this turn of the event loop (the sources' polls start together) joins.
          setImmediate(() => flush(target.name));
        }
        batch.asked.push({ argv, ...(signal ? { signal } : {}), resolve, reject });
      });
      const command = commandLine(argv);
      return signal ? untilAborted(answer, signal, () => new SshError(target.name, 'aborted', `${target.name}: \`${command}\` aborted`, { reason: 'aborted' })) : answer;
    },
    hostKey: (target: SshTarget): HostKeyInfo | undefined => inner.hostKey(target),
    close: () => inner.close(),
  };
}

/**
 * The combined answer back into one result per command: stdout and stderr up to each marker, the exit status
 * each command left; the last command's is the exec's. Undefined when a marker is missing.
 */
export function split(result: CommandResult, mark: string, count: number): CommandResult[] | undefined {
  const outs = result.stdout.split(new RegExp(`\\n${mark}(\\d+)\\n`));
  const errs = result.stderr.split(`\n${mark}\n`);
  // split with one capture group: text, code, text, code, …, text.
  if (outs.length !== 2 * count - 1 || errs.length !== count) return undefined;
  return Array.from({ length: count }, (_, i) => ({
    stdout: outs[2 * i] ?? '',
    stderr: errs[i] ?? '',
    code: i < count - 1 ? Number(outs[2 * i + 1]) : result.code,
  }));
}
