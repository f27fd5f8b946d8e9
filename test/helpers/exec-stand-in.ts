/**
 * An exec stand-in: the part of a kube-apiserver (and the kubelet behind it) that `kubectl exec` talks to, since a
 * real kubelet cannot run here. It accepts the WebSocket upgrade of /api/v1/namespaces/NS/pods/POD/exec with the
 * channel protocols (v5/v4.channel.k8s.io), records what it was asked (argv, container, token, protocol), and
 * answers as the test says: stdout (channel 1) and stderr (channel 2) frames, then the Status on channel 3.
 * A kubeconfig for it is written by `kubeconfigFor`. With `tls` it plays the kubelet instead, behind a real
 * kube-apiserver (the kube lab): HTTPS, the kubelet's path /exec/NS/POD/CONTAINER, where the apiserver forwards the
 * upgrade after its own checks.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
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
export type ExecAnswer = { readonly stdout?: string; readonly stderr?: string; readonly exitCode: number | 'never' } | { readonly refuse: number; readonly message?: string } | 'hang-upgrade';

export const STAND_IN_TOKEN = 'exec-stand-in-token';

export class ExecStandIn {
  readonly asked: ExecAsked[] = [];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => ['v5.channel.k8s.io', 'v4.channel.k8s.io'].find((x) => p.has(x)) ?? false });
  private readonly held: Duplex[] = [];
  private readonly scheme: 'http' | 'https';

  constructor(
    private readonly answer: (asked: ExecAsked) => ExecAnswer,
    tls?: { readonly key: string; readonly cert: string },
  ) {
    // Asked without an upgrade, the apiserver says why it would refuse one, or that an upgrade is required.
    const plain: RequestListener = (req, res) => {
      const answer = this.answer(this.read(req));
      const refused = typeof answer === 'object' && 'refuse' in answer ? answer : { refuse: 400, message: 'Upgrade request required' };
      res.writeHead(refused.refuse, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', status: 'Failure', code: refused.refuse, message: refused.message ?? '' }));
    };
    this.scheme = tls ? 'https' : 'http';
    this.server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, plain) : createServer(plain);
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `${this.scheme}://127.0.0.1:${this.port()}`;
  }

  port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  close(): Promise<void> {
    for (const s of this.held) s.destroy();
    this.wss.close();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private read(req: IncomingMessage): ExecAsked {
    const url = new URL(req.url ?? '', 'http://stand-in');
    // The apiserver's path, or the kubelet's (its parameters are output/error, the container in the path).
    const api = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    const kubelet = /^\/exec\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const q = url.searchParams;
    return {
      namespace: api?.[1] ?? kubelet?.[1] ?? '',
      pod: api?.[2] ?? kubelet?.[2] ?? '',
      command: q.getAll('command'),
      container: kubelet?.[3] ?? q.get('container'),
      stdout: q.get('stdout') ?? q.get('output'),
      stderr: q.get('stderr') ?? q.get('error'),
      authorization: req.headers.authorization,
      protocol: String(req.headers['sec-websocket-protocol'] ?? ''),
    };
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const asked = this.read(req);
    this.asked.push(asked);
    const answer = asked.pod ? this.answer(asked) : { refuse: 404 };
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
