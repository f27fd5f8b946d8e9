/**
 * An in-process SSH server on 127.0.0.1 speaking the real protocol (ssh2's Server): ed25519 host key, public-key
 * auth, exec, and direct-tcpip forwarding so it can serve as a jump host. One instance serves many logical
 * switches, one listening port each (the switch is identified by the port it was reached on), so a benchmark
 * with hundreds of fake switches needs one host key and one protocol setup, not hundreds.
 */
import { createServer, type Server as NetServer, type Socket, connect as tcpConnect } from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';

export interface ExecReply {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly code?: number;
}
export interface ExecContext {
  /** The listening port the connection came in on: which logical switch this is. */
  readonly port: number;
  readonly user: string;
}
/** Answers a command; 'hang' keeps the channel open, silent, until the client closes it. */
export type ExecHandler = (command: string, ctx: ExecContext) => ExecReply | Promise<ExecReply> | 'hang';

export interface SshTestServerOptions {
  /** OpenSSH public key lines ("ssh-ed25519 AAAA… comment") allowed to log in, as any user. */
  readonly authorizedKeys: readonly string[];
  readonly exec?: ExecHandler;
  /** Private host keys in OpenSSH format (one per type); one new ed25519 key when absent. */
  readonly hostKeys?: readonly string[];
}

interface Endpoint {
  readonly silent: boolean;
  listener?: NetServer;
  readonly sockets: Set<Socket>;
  connections: number;
}

const MAX_COMMANDS_KEPT = 1000;

/**
 * ssh2's generateKeyPairSync('ed25519') strips leading zero bytes of the public key, so about 1 key in 256 is
 * malformed (mscdex/ssh2#1390, #1513); draw again until ssh2 itself can parse it.
 */
function newEd25519Key(): string {
  for (;;) {
    const { private: key, public: pub } = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(key) instanceof Error) && !(ssh2.utils.parseKey(pub) instanceof Error)) return key;
  }
}

export class SshTestServer {
  /** The host keys; `public` is the known_hosts key part, "ssh-ed25519 AAAA…". */
  readonly hostKeys: readonly { readonly private: string; readonly public: string }[];
  /** Handshakes count from TCP accept until login (or close): connection attempts in flight. */
  readonly stats = { connections: 0, execs: 0, concurrentExecs: 0, maxConcurrentExecs: 0, handshakes: 0, maxConcurrentHandshakes: 0 };
  /** The last commands received, exactly as sent (at most 1000). */
  readonly commands: { port: number; command: string }[] = [];
  exec: ExecHandler;
  private readonly ssh: ssh2.Server;
  private readonly endpoints = new Map<number, Endpoint>();
  /** "remoteAddress:remotePort" of an accepted socket → the port it came in on. */
  private readonly socketPorts = new Map<string, number>();
  private readonly allowed: ssh2.ParsedKey[];
  /** Sockets still in the handshake, keyed like socketPorts; the callback ends the count once. */
  private readonly loggingIn = new Map<string, () => void>();

  constructor(options: SshTestServerOptions) {
    const hostKeys = options.hostKeys ?? [newEd25519Key()];
    this.hostKeys = hostKeys.map((key) => {
      const parsed = ssh2.utils.parseKey(key);
      if (parsed instanceof Error) throw parsed;
      return { private: key, public: `${parsed.type} ${parsed.getPublicSSH().toString('base64')}` };
    });
    this.allowed = options.authorizedKeys.map((line) => {
      const key = ssh2.utils.parseKey(line);
      if (key instanceof Error) throw key;
      return key;
    });
    this.exec = options.exec ?? (() => ({ stdout: '', code: 0 }));
    this.ssh = new ssh2.Server({ hostKeys: [...hostKeys] }, (client, info) => this.onClient(client, `${info.ip}:${info.port}`));
  }

  /** Adds a logical switch: listens on `port` (0 picks a free one) and returns the port. */
  async listen(options: { port?: number; silent?: boolean } = {}): Promise<number> {
    const endpoint: Endpoint = { silent: options.silent ?? false, sockets: new Set(), connections: 0 };
    const port = await this.bind(endpoint, options.port ?? 0);
    this.endpoints.set(port, endpoint);
    return port;
  }

  /** Stops listening on the port and drops its connections, like a switch going down. */
  async stop(port: number): Promise<void> {
    const endpoint = this.endpoint(port);
    for (const socket of endpoint.sockets) socket.destroy();
    const listener = endpoint.listener;
    endpoint.listener = undefined;
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }

  /** Listens again on a stopped port, like the switch coming back (same host key). */
  async start(port: number): Promise<void> {
    await this.bind(this.endpoint(port), port);
  }

  /** How many TCP connections this logical switch accepted. */
  connectionsTo(port: number): number {
    return this.endpoint(port).connections;
  }

  /** The known_hosts line for this server on a port (its first host key, or the one at `index`). */
  knownHostsLine(port: number, index = 0): string {
    return `[127.0.0.1]:${port} ${this.hostKeys[index]?.public}\n`;
  }

  async close(): Promise<void> {
    await Promise.all([...this.endpoints.keys()].map((port) => this.stop(port)));
  }

  private endpoint(port: number): Endpoint {
    const endpoint = this.endpoints.get(port);
    if (!endpoint) throw new Error(`ssh test server: no switch on port ${port}`);
    return endpoint;
  }

  private bind(endpoint: Endpoint, port: number): Promise<number> {
    const listener = createServer((socket) => {
      socket.setNoDelay(true);
      endpoint.connections++;
      this.stats.connections++;
      endpoint.sockets.add(socket);
      socket.once('close', () => endpoint.sockets.delete(socket));
      // A silent endpoint accepts TCP and never sends the SSH banner.
      if (endpoint.silent) return;
      const key = `${socket.remoteAddress}:${socket.remotePort}`;
      this.socketPorts.set(key, socket.localPort ?? 0);
      socket.once('close', () => this.socketPorts.delete(key));
      this.stats.maxConcurrentHandshakes = Math.max(this.stats.maxConcurrentHandshakes, ++this.stats.handshakes);
      this.loggingIn.set(key, () => this.stats.handshakes--);
      socket.once('close', () => this.loggedIn(key));
      this.ssh.injectSocket(socket);
    });
    endpoint.listener = listener;
    return new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => {
        listener.off('error', reject);
        const address = listener.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private loggedIn(key: string): void {
    this.loggingIn.get(key)?.();
    this.loggingIn.delete(key);
  }

  private onClient(client: Connection, remote: string): void {
    const port = this.socketPorts.get(remote) ?? 0;
    let user = '';
    client.on('error', () => {});
    client.on('ready', () => this.loggedIn(remote));
    client.on('authentication', (ctx) => {
      user = ctx.username;
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const key = this.allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (!key) return ctx.reject(['publickey']);
      // Without a signature the client only asks whether the key would do; with one, it must verify.
      if (ctx.signature && ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => this.onExec(acceptExec(), info.command, { port, user }));
    });
    client.on('tcpip', (accept, reject, info) => {
      const upstream = tcpConnect({ port: info.destPort, host: info.destIP, noDelay: true });
      upstream.once('error', () => reject());
      upstream.once('connect', () => {
        const channel = accept();
        upstream.removeAllListeners('error');
        upstream.on('error', () => channel.destroy());
        channel.on('error', () => upstream.destroy());
        channel.pipe(upstream).pipe(channel);
      });
    });
  }

  private async onExec(channel: ServerChannel, command: string, ctx: ExecContext): Promise<void> {
    this.commands.push({ port: ctx.port, command });
    if (this.commands.length > MAX_COMMANDS_KEPT) this.commands.shift();
    this.stats.execs++;
    this.stats.maxConcurrentExecs = Math.max(this.stats.maxConcurrentExecs, ++this.stats.concurrentExecs);
    // Counted as running until the reply is sent (or, for a hang, until the client closes the channel): the
    // client sees the channel close before this side does, so counting to 'close' would overlap the next exec.
    let running = true;
    const finish = () => {
      if (running) this.stats.concurrentExecs--;
      running = false;
    };
    channel.once('close', finish);
    channel.on('error', () => {});
    // ssh2 emits 'close' on a server channel only after its readable side ended, which needs it flowing.
    channel.resume();
    const reply = await Promise.resolve()
      .then(() => this.exec(command, ctx))
      .catch((error: unknown): ExecReply => ({ stderr: `test server: ${String(error)}\n`, code: 255 }));
    if (reply === 'hang') return;
    finish();
    if (reply.stdout) channel.write(reply.stdout);
    if (reply.stderr) channel.stderr.write(reply.stderr);
    channel.exit(reply.code ?? 0);
    channel.end();
  }
}
