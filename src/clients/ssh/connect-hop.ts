/**
 * Opens one SSH connection (one hop) with node-ssh: key file or agent, host key checked against known_hosts,
 * bounded by the connect timeout. ssh2's readyTimeout alone is not enough: it does not cover opening the
 * stream through a jump host nor a slow trust-on-first-use write, so our own timer bounds the whole hop.
 */
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Config, NodeSSH } from 'node-ssh';
import type { Client } from 'ssh2';
import { FileProblem, type FileLimit, readBoundedFile } from '../../files/read-bounded';
import { connectFailure, type HopLabel, hostPort, timeoutError } from './connect-failure';
import { SshError } from './errors';
import { prepareHostCheck } from './host-check';
import type { HostKeyInfo, SshHop } from './types';

export type NodeSshModule = typeof import('node-ssh');

/** Keepalives find a switch that vanished without closing TCP (power loss) within about 30 s. */
const KEEPALIVE_INTERVAL = 10_000;
const KEEPALIVE_COUNT_MAX = 3;

export interface HopRequest {
  readonly switchName: string;
  readonly hop: SshHop;
  readonly isJump: boolean;
  readonly knownHosts: string;
  readonly trustOnFirstUse: boolean;
  readonly timeout: number;
  /** Opens the stream through the jump host; a plain TCP connection to hop.host when absent. */
  readonly via?: () => Promise<Duplex>;
}

export interface HopConnection {
  readonly ssh: NodeSSH;
  readonly client: Client;
  readonly hostKey: HostKeyInfo;
  readonly label: string;
  /** False once the connection reported end, close or an error. */
  alive(): boolean;
  /** Called once when the connection dies. */
  onDead(listener: () => void): void;
  /** Ends the connection; resolves once it is closed (destroyed if the peer does not answer within 1 s). */
  end(): Promise<void>;
}

const END_GRACE = 1000;

/**
 * An OpenSSH private key is a few KB (RSA 16384 with a certificate stays under 20 KB); anything larger is the wrong
 * file, refused before it is read. A FIFO or device named here is refused too: reading one never ends.
 */
export const IDENTITY_FILE_LIMIT: FileLimit = { maxBytes: 64_000, what: 'an identity file' };

function hopLabel(req: HopRequest): HopLabel {
  const { hop } = req;
  const credentials = [hop.identityFile && `key file ${hop.identityFile}`, hop.agent && `ssh-agent at ${hop.agent}`].filter(Boolean).join(' and ');
  const label = `${req.isJump ? 'jump host ' : ''}${hostPort(hop.host, hop.port)}`;
  return { switchName: req.switchName, label, user: hop.user, credentials, identityFile: hop.identityFile };
}

async function authConfig(req: HopRequest, labels: HopLabel): Promise<Pick<Config, 'privateKey' | 'agent'>> {
  const { identityFile, agent } = req.hop;
  const name = req.switchName;
  if (identityFile === undefined && agent === undefined) {
    throw new SshError(name, 'auth', `${name}: no identity file and no ssh-agent to log in to ${labels.label}`, {
      reason: 'no key configured',
      hint: 'set identityFile for the switch, or start an ssh-agent and export SSH_AUTH_SOCK',
    });
  }
  if (identityFile === undefined) return { agent };
  try {
    return { privateKey: await readBoundedFile(identityFile, IDENTITY_FILE_LIMIT), agent };
  } catch (error) {
    const why = error instanceof FileProblem ? error.message : (error as Error).message;
    throw new SshError(name, 'auth', `${name}: cannot read identity file ${identityFile} (${why})`, {
      cause: error,
      reason: 'identity file unreadable',
      hint: "check the switch's identityFile in the config: a private key file the user running rackpilot can read",
    });
  }
}

export async function openHop(mod: NodeSshModule, req: HopRequest): Promise<HopConnection> {
  const labels = hopLabel(req);
  const { hop } = req;
  const auth = await authConfig(req, labels);
  const check = await prepareHostCheck({ ...req, host: hop.host, port: hop.port, role: req.isJump ? 'jump host ' : '' });
  const ssh = new mod.NodeSSH();
  let client: Client | undefined;
  let alive = true;
  let closed = false;
  let abandoned = false;
  let sock: Duplex | undefined;
  const listeners: (() => void)[] = [];
  const die = () => {
    if (!alive) return;
    alive = false;
    for (const listener of listeners.splice(0)) listener();
  };
  const attempt = async () => {
    // Our own socket for TCP_NODELAY: an exec is several small round trips, and Nagle's algorithm with delayed
    // ACKs adds tens of milliseconds to each of them.
    sock = req.via ? await req.via() : tcpConnect({ host: hop.host, port: hop.port, noDelay: true });
    // ssh2 reports socket errors itself once it has the socket; this covers the time before and after.
    sock.on('error', () => {});
    if (abandoned) return void sock.destroy();
    const config: Config = {
      ...auth,
      host: hop.host,
      port: hop.port,
      username: hop.user,
      sock,
      readyTimeout: req.timeout,
      keepaliveInterval: KEEPALIVE_INTERVAL,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      algorithms: { serverHostKey: check.serverHostKey as NonNullable<Config['algorithms']>['serverHostKey'] },
      hostVerifier: check.verify,
    };
    const connecting = ssh.connect(config);
    // node-ssh creates the client synchronously; listen at once so an error event never goes unhandled.
    client = ssh.connection ?? undefined;
    client?.on('error', die).on('end', die).on('close', () => {
      closed = true;
      die();
    });
    await connecting;
    if (abandoned) client?.end();
  };
  let timer: NodeJS.Timeout | undefined;
  const running = attempt();
  try {
    await Promise.race([running, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeoutError(labels, req.timeout)), req.timeout)))]);
  } catch (error) {
    abandoned = true;
    running.catch(() => {});
    client?.destroy();
    sock?.destroy();
    const outcome = check.outcome();
    throw outcome && 'error' in outcome ? outcome.error : connectFailure(labels, error, req.timeout);
  } finally {
    clearTimeout(timer);
  }
  const outcome = check.outcome();
  if (!client || !outcome || !('info' in outcome)) {
    client?.destroy();
    throw new Error('ssh: connected without a verified host key');
  }
  const connected = client;
  return {
    ssh,
    client: connected,
    hostKey: outcome.info,
    label: labels.label,
    alive: () => alive,
    onDead: (listener) => (alive ? listeners.push(listener) : listener()),
    end: () =>
      new Promise<void>((resolve) => {
        die();
        if (closed) return resolve();
        const timer = setTimeout(() => {
          connected.destroy();
          resolve();
        }, END_GRACE);
        connected.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        connected.end();
      }),
  };
}
