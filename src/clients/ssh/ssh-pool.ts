/**
 * The SSH client rackpilot reads switches with: one persistent connection per switch, opened on first use and
 * reused by every poll, reopened on the next call after it died; a reconnect backoff per switch; one limit on
 * commands plus connection attempts in flight across all switches. node-ssh is imported on first connect only,
 * so the simulated rack never loads it.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { untilAborted } from '../../abortable';
import { describeError } from '../../errors';
import { commandLine } from '../../shell-quote';
import { Backoff } from './backoff';
import { type HopConnection, type NodeSshModule, openHop } from './connect-hop';
import { SshError } from './errors';
import { abortedError, execCommand } from './exec-command';
import { JumpHosts } from './jump-hosts';
import type { CommandResult, HostKeyInfo, SshPoolOptions, SshTarget, SwitchShell } from './types';

/** Below OpenSSH's MaxSessions (10 by default): more channels at once on one connection would be refused. */
export const MAX_COMMANDS_PER_SWITCH = 8;

interface Pooled {
  /** The target's settings the connection was made with; changed settings mean a new connection. */
  readonly spec: string;
  readonly hop: HopConnection;
}

function specOf(t: SshTarget): string {
  const j = t.jumpHost;
  return JSON.stringify([t.host, t.port, t.user, t.identityFile, t.agent, t.knownHosts, t.trustOnFirstUse, j?.host, j?.port, j?.user, j?.identityFile, j?.agent]);
}

function closedError(name: string): SshError {
  return new SshError(name, 'closed', `${name}: the SSH connection pool is closed`, { reason: 'closed' });
}

/** Settles with the promise, or rejects with 'aborted' as soon as the signal fires. */
function abortable<T>(name: string, command: string, signal: AbortSignal | undefined, promise: Promise<T>): Promise<T> {
  return signal ? untilAborted(promise, signal, () => abortedError(name, command)) : promise;
}

export class SshPool implements SwitchShell {
  private readonly limit: LimitFunction;
  private readonly backoff: Backoff;
  private readonly jumps: JumpHosts;
  private readonly pooled = new Map<string, Pooled>();
  private readonly connecting = new Map<string, Promise<Pooled>>();
  private readonly perSwitch = new Map<string, LimitFunction>();
  private module?: Promise<NodeSshModule>;
  private closed = false;

  constructor(private readonly options: SshPoolOptions) {
    this.limit = pLimit(Math.max(1, Math.floor(options.concurrency)));
    this.backoff = new Backoff(options.maxBackoff, options.now ?? Date.now);
    this.jumps = new JumpHosts(options.connectTimeout);
  }

  async run(target: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
    const command = commandLine(argv);
    const { hop } = await this.connection(target, command, signal);
    return this.slot(target.name, command, signal, () =>
      execCommand(hop, { switchName: target.name, command, timeout: this.options.commandTimeout, signal }),
    );
  }

  hostKey(target: SshTarget): HostKeyInfo | undefined {
    const pooled = this.pooled.get(target.name);
    return pooled?.hop.alive() ? pooled.hop.hostKey : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.pooled.values()];
    this.pooled.clear();
    await Promise.all([...open.map((p) => p.hop.end()), this.jumps.close()]);
  }

  /**
   * Runs a command within the switch's limit, then the pool's; a queued or running call rejects at once when
   * aborted. The switch's limit is outside so that calls waiting for their switch hold no slot of the pool.
   */
  private slot<T>(name: string, command: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    let own = this.perSwitch.get(name);
    if (!own) {
      own = pLimit(MAX_COMMANDS_PER_SWITCH);
      this.perSwitch.set(name, own);
    }
    const limited = own(() =>
      this.limit(async () => {
        if (this.closed) throw closedError(name);
        if (signal?.aborted) throw abortedError(name, command);
        return task();
      }),
    );
    return abortable(name, command, signal, limited);
  }

  private connection(target: SshTarget, command: string, signal: AbortSignal | undefined): Promise<Pooled> {
    const { name } = target;
    if (this.closed) return Promise.reject(closedError(name));
    if (signal?.aborted) return Promise.reject(abortedError(name, command));
    const spec = specOf(target);
    const live = this.pooled.get(name);
    if (live?.hop.alive() && live.spec === spec) return Promise.resolve(live);
    if (live) {
      this.pooled.delete(name);
      void live.hop.end();
    }
    let pending = this.connecting.get(name);
    if (!pending) {
      const waiting = this.backoff.check(name);
      if (waiting) return Promise.reject(waiting);
      pending = this.connect(target, spec);
    }
    return abortable(name, command, signal, pending);
  }

  /** One connection attempt, shared by every call for the switch that arrives while it runs. */
  private connect(target: SshTarget, spec: string): Promise<Pooled> {
    const { name } = target;
    const attempt = this.limit(() => this.open(target)).then(
      (hop): Pooled => {
        this.backoff.succeeded(name);
        if (this.closed) {
          void hop.end();
          throw closedError(name);
        }
        const pooled = { spec, hop };
        this.pooled.set(name, pooled);
        hop.onDead(() => this.pooled.get(name) === pooled && this.pooled.delete(name));
        return pooled;
      },
      (error: unknown) => {
        const failure = error instanceof SshError ? error : new SshError(name, 'connect', `${name}: ${describeError(error)}`, { cause: error });
        if (failure.failure !== 'closed') this.backoff.failed(name, failure);
        throw failure;
      },
    );
    this.connecting.set(name, attempt);
    const forget = () => this.connecting.get(name) === attempt && this.connecting.delete(name);
    attempt.then(forget, forget);
    return attempt;
  }

  private async open(target: SshTarget): Promise<HopConnection> {
    if (this.closed) throw closedError(target.name);
    this.module ??= import('node-ssh');
    const mod = await this.module;
    const { jumpHost } = target;
    const via = jumpHost ? await this.jumps.tunnel(mod, { ...target, jumpHost }) : undefined;
    return openHop(mod, {
      switchName: target.name,
      hop: target,
      isJump: false,
      knownHosts: target.knownHosts,
      trustOnFirstUse: target.trustOnFirstUse,
      timeout: this.options.connectTimeout,
      via,
    });
  }
}
