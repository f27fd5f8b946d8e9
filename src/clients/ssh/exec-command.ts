/**
 * Runs one command on an open connection. ssh2's exec is used directly instead of node-ssh's execCommand,
 * which decodes every chunk on its own (splitting multi-byte UTF-8 characters), trims the output, buffers
 * without a limit and cannot be cancelled. A timeout or abort closes this channel only; the connection stays.
 */
import type { ClientChannel } from 'ssh2';
import type { HopConnection } from './connect-hop';
import { formatDuration } from './connect-failure';
import { SshError, SshOutputTooLargeError } from './errors';
import type { CommandResult } from './types';

/** Far above any `show … json` of a rack switch; stops a runaway command from filling memory. */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

export interface ExecRequest {
  readonly switchName: string;
  readonly command: string;
  readonly timeout: number;
  readonly signal?: AbortSignal;
}

/** The command as shown in messages: in backquotes, long ones shortened. */
export function showCommand(command: string): string {
  return `\`${command.length > 80 ? `${command.slice(0, 77)}...` : command}\``;
}

export function abortedError(switchName: string, command: string): SshError {
  return new SshError(switchName, 'aborted', `${switchName}: ${showCommand(command)} aborted`, { reason: 'aborted' });
}

export function execCommand(conn: HopConnection, req: ExecRequest): Promise<CommandResult> {
  const { switchName: name, command, signal } = req;
  return new Promise<CommandResult>((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let code: number | null = null;
    let exited = false;

    const finish = (error: Error | undefined, result?: CommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        // Stop the remote command too, where the server honours signals; closing the channel is what counts.
        channel?.signal('TERM');
        channel?.close();
        reject(error);
      } else if (result) resolve(result);
    };
    const onAbort = () => finish(abortedError(name, command));
    const timer = setTimeout(() => {
      const after = `timed out after ${formatDuration(req.timeout)}`;
      finish(new SshError(name, 'timeout', `${name}: ${showCommand(command)} ${after}`, { reason: `command ${after}` }));
    }, req.timeout);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) return finish(new SshOutputTooLargeError(name, showCommand(command), MAX_OUTPUT_BYTES));
      into.push(chunk);
    };
    const lost = (cause?: unknown) =>
      new SshError(name, 'closed', `${name}: connection to ${conn.label} lost while running ${showCommand(command)}`, { cause, reason: 'connection lost' });

    const opened = (error: Error | undefined, ch: ClientChannel) => {
      if (error) return finish(conn.alive() ? cannotStart(name, showCommand(command), error) : lost(error));
      channel = ch;
      if (settled) return void ch.close();
      ch.on('data', collect(out));
      ch.stderr.on('data', collect(err));
      ch.on('error', () => {});
      ch.on('exit', (exitCode: number | null) => {
        exited = true;
        code = typeof exitCode === 'number' ? exitCode : null;
      });
      ch.on('close', () => {
        const done = () => {
          if (!exited && !conn.alive()) return finish(lost());
          finish(undefined, { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code });
        };
        // stderr may still hold data when the channel closes; wait for its end so nothing is lost.
        if (ch.stderr.readableEnded) done();
        else ch.stderr.once('end', done);
      });
    };
    try {
      conn.client.exec(command, opened);
    } catch (error) {
      finish(lost(error));
    }
  });
}

/**
 * The server refused a session channel. ssh2 says "(SSH) Channel open failure: " and the server's reason, which
 * is often empty (sshd at MaxSessions, a forced command that exits at once): then say what that usually means.
 */
export function cannotStart(name: string, command: string, error: Error): SshError {
  const said = error.message.replace(/^\(SSH\)\s*/, '').replace(/:\s*$/, '').trim();
  const reason = said === '' || /^channel open failure$/i.test(said) ? 'the switch refused a session channel without saying why (sshd MaxSessions reached?)' : said;
  return new SshError(name, 'connect', `${name}: cannot start ${command}: ${reason}`, { cause: error, reason });
}
