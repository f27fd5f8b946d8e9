/**
 * An exec stand-in: the part of a kube-apiserver (and the kubelet behind it) that `kubectl exec` talks to, since a
 * real kubelet cannot run here. It accepts the WebSocket upgrade of /api/v1/namespaces/NS/pods/POD/exec with the
 * channel protocols (v5/v4.channel.k8s.io), records what it was asked (argv, container, token, protocol), and
 * answers as the test says: stdout (channel 1) and stderr (channel 2) frames, then the Status on channel 3.
 * A kubeconfig for it is written by `kubeconfigFor`.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export interface ExecAsked {
  readonly namespace: string;
  readonly pod: string;
  readonly command: string[];
  readonly container: string | null;
  readonly stdout: string | null;
  readonly stderr: string | null;
  readonly authorization: string | undefined;
  readonly protocol: string;
}

/** What the command "does": output frames, then its exit code; `hang-upgrade` never answers the upgrade at all. */
export type ExecAnswer = { readonly stdout?: string; readonly stderr?: string; readonly exitCode: number | 'never' } | { readonly refuse: number } | 'hang-upgrade';

export const STAND_IN_TOKEN = 'exec-stand-in-token';

export class ExecStandIn {
  readonly asked: ExecAsked[] = [];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => ['v5.channel.k8s.io', 'v4.channel.k8s.io'].find((x) => p.has(x)) ?? false });
  private readonly held: Duplex[] = [];

  constructor(private readonly answer: (asked: ExecAsked) => ExecAnswer) {
    this.server = createServer((_req, res) => res.writeHead(400).end());
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  close(): Promise<void> {
    for (const s of this.held) s.destroy();
    this.wss.close();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '', 'http://stand-in');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '');
    const asked: ExecAsked = {
      namespace: m?.[1] ?? '',
      pod: m?.[2] ?? '',
      command: url.searchParams.getAll('command'),
      container: url.searchParams.get('container'),
      stdout: url.searchParams.get('stdout'),
      stderr: url.searchParams.get('stderr'),
      authorization: req.headers.authorization,
      protocol: offered,
    };
    this.asked.push(asked);
    const answer = m ? this.answer(asked) : { refuse: 404 };
    if (answer === 'hang-upgrade') {
      this.held.push(socket);
      return;
    }
    if ('refuse' in answer) {
      socket.end(`HTTP/1.1 ${answer.refuse} Refused\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"kind":"Status","status":"Failure","code":${answer.refuse}}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const frame = (channel: number, text: string) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
      // The apiserver opens with an empty frame per channel.
      for (const channel of [1, 2, 3]) ws.send(Buffer.from([channel]));
      if (answer.stdout) frame(1, answer.stdout);
      if (answer.stderr) frame(2, answer.stderr);
      if (answer.exitCode === 'never') return;
      const status =
        answer.exitCode === 0
          ? { metadata: {}, status: 'Success' }
          : {
              metadata: {},
              status: 'Failure',
              message: `command terminated with non-zero exit code: error executing command [${asked.command.join(' ')}], exit code ${answer.exitCode}`,
              reason: 'NonZeroExitCode',
              details: { causes: [{ reason: 'ExitCode', message: String(answer.exitCode) }] },
            };
      frame(3, JSON.stringify(status));
      ws.close(1000);
    });
  }
}

/** A kubeconfig with one context, `stand-in`, for the stand-in at `server` with a bearer token (plain HTTP: the client sends a token over it only with insecure-skip-tls-verify). */
export function kubeconfigFor(dir: string, server: string): string {
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: ${STAND_IN_TOKEN}}}]\ncontexts: [{name: stand-in, context: {cluster: c, user: u}}]\ncurrent-context: stand-in\n`,
  );
  return file;
}
