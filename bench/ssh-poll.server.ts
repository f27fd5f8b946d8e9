/**
 * The fake switches of the SSH poll benchmark, in a child process of its own so that the client's CPU figures
 * are the client's alone. One SshTestServer (ssh2, the real protocol) listens on one port per switch; every
 * switch answers the commands it was given with captured output. Driven over the IPC channel by
 * bench/ssh-poll.client.ts:
 *
 *   start {switches, authorizedKey, replies}  →  ready {ports, hostKey}
 *   stats                                     →  stats {cpu, rssBytes, maxRssBytes, server, connections}
 *   close                                     →  (closes the listeners and exits)
 */
import { SshTestServer } from '../test/helpers/ssh-server';
import type { ServerReply, ServerRequest } from './ssh-poll.protocol';

let server: SshTestServer | undefined;
let ports: number[] = [];

function send(message: ServerReply): void {
  process.send?.(message);
}

async function start(request: Extract<ServerRequest, { type: 'start' }>): Promise<void> {
  const replies = new Map(Object.entries(request.replies));
  server = new SshTestServer({
    authorizedKeys: [request.authorizedKey],
    // The command exactly as the client quoted it; anything else is an error the client sees as a failed read.
    exec: (command) => {
      const stdout = replies.get(command);
      if (stdout !== undefined) return { stdout, code: 0 };
      return combined(command, replies) ?? { stderr: `bench server: unknown command: ${command}\n`, code: 127 };
    },
  });
  ports = [];
  for (let i = 0; i < request.switches; i++) ports.push(await server.listen());
  send({ type: 'ready', ports, hostKey: server.hostKeys[0]?.public ?? '' });
}

/**
 * Several commands in one exec as src/sources/ssh/one-exec-shell.ts sends them (`sh -c 'CMD1; printf MARK…; CMD2'`):
 * each known command's reply, with the markers a shell would print between them (every command exits 0).
 */
function combined(command: string, replies: ReadonlyMap<string, string>): { stdout: string; stderr: string; code: number } | undefined {
  const quoted = /^sh -c '(.*)'$/s.exec(command)?.[1];
  if (quoted === undefined) return undefined;
  const script = quoted.replaceAll(`'\\''`, `'`);
  const mark = /printf '\\n(rackpilot-[0-9a-f]+)%d\\n'/.exec(script)?.[1];
  if (!mark) return undefined;
  const parts = script.split(`; printf '\\n${mark}%d\\n' $?; printf '\\n${mark}\\n' >&2; `);
  const outs = parts.map((part) => replies.get(part));
  if (outs.some((o) => o === undefined)) return undefined;
  return { stdout: outs.join(`\n${mark}0\n`), stderr: parts.slice(1).map(() => `\n${mark}\n`).join(''), code: 0 };
}

function stats(): void {
  const s = server;
  if (!s) throw new Error('bench server: stats before start');
  send({
    type: 'stats',
    cpu: process.cpuUsage(),
    rssBytes: process.memoryUsage().rss,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    server: { ...s.stats },
    connections: ports.reduce((sum, port) => sum + s.connectionsTo(port), 0),
  });
}

process.on('message', (message: ServerRequest) => {
  const handle = async () => {
    if (message.type === 'start') await start(message);
    else if (message.type === 'stats') stats();
    else if (message.type === 'close') {
      await server?.close();
      process.disconnect?.();
      process.exit(0);
    }
  };
  handle().catch((error: unknown) => {
    process.stderr.write(`bench server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
});

// The client went away (finished or crashed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
