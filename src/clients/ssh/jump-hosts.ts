/**
 * Jump host connections, shared: every switch behind the same jump host (same address, user, key and
 * known_hosts) tunnels through one SSH connection to it, as OpenSSH's ControlMaster would, instead of one each.
 */
import type { Duplex } from 'node:stream';
import { hostPort } from './connect-failure';
import { type HopConnection, type NodeSshModule, openHop } from './connect-hop';
import { SshError } from './errors';
import type { SshHop, SshTarget } from './types';

/** RFC 4254 channel open failure codes, for servers that send no description. */
const OPEN_FAILURES: Readonly<Record<number, string>> = {
  1: 'forwarding refused by the jump host',
  2: 'connect failed',
  3: 'unknown channel type',
  4: 'resource shortage',
};

/** The same failure, told about another switch that shares the jump host. */
function forSwitch(error: unknown, name: string): unknown {
  if (!(error instanceof SshError) || error.switchName === name) return error;
  const message = error.message.replace(`${error.switchName}: `, `${name}: `);
  return new SshError(name, error.failure, message, { cause: error.cause, hint: error.hint, reason: error.reason });
}

interface Entry {
  readonly opening: Promise<HopConnection>;
  /** Set once open; a dead one is replaced on the next use. */
  open?: HopConnection;
}

export class JumpHosts {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly connectTimeout: number) {}

  /** The stream to the target through its jump host, connecting to the jump host first when needed. */
  async tunnel(mod: NodeSshModule, target: SshTarget & { jumpHost: SshHop }): Promise<() => Promise<Duplex>> {
    const jump = await this.connection(mod, target);
    return async () => {
      try {
        return await jump.ssh.forwardOut('127.0.0.1', 0, target.host, target.port);
      } catch (error) {
        const { message, reason: code } = error as { message: string; reason?: number };
        const why = message.replace(/^\(SSH\) Channel open failure: ?/, '').toLowerCase() || OPEN_FAILURES[code ?? 0];
        const reason = `${jump.label} cannot reach ${hostPort(target.host, target.port)}${why ? ` (${why})` : ''}`;
        throw new SshError(target.name, 'connect', `${target.name}: ${reason}`, { cause: error, reason });
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((e) => e.opening.then((c) => c.end(), () => {})));
  }

  private async connection(mod: NodeSshModule, target: SshTarget & { jumpHost: SshHop }): Promise<HopConnection> {
    const hop = target.jumpHost;
    const key = JSON.stringify([hop.host, hop.port, hop.user, hop.identityFile, hop.agent, target.knownHosts, target.trustOnFirstUse]);
    let entry = this.entries.get(key);
    if (!entry || (entry.open && !entry.open.alive())) {
      const opening = openHop(mod, {
        switchName: target.name,
        hop,
        isJump: true,
        knownHosts: target.knownHosts,
        trustOnFirstUse: target.trustOnFirstUse,
        timeout: this.connectTimeout,
      });
      const created: Entry = { opening };
      entry = created;
      this.entries.set(key, created);
      const forget = () => this.entries.get(key) === created && this.entries.delete(key);
      // A failed attempt is not kept: the next switch tries again (each switch has its own backoff).
      opening.then((c) => {
        created.open = c;
        c.onDead(forget);
        // Opened while the pool was closing: nobody will end it later.
        if (this.closed) void c.end();
      }, forget);
    }
    try {
      return await entry.opening;
    } catch (error) {
      throw forSwitch(error, target.name);
    }
  }
}
