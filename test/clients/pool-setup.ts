/**
 * A pool test's world: a client key made by ssh-keygen, an in-process ssh2 server (the real SSH protocol on
 * 127.0.0.1) that accepts it, a known_hosts file, and targets pointing at the server's ports.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshError, type SshFailure } from '../../src/clients/ssh/errors';
import { SshPool } from '../../src/clients/ssh/ssh-pool';
import type { SshPoolOptions, SshTarget } from '../../src/clients/ssh/types';
import { SshTestServer, type SshTestServerOptions } from '../helpers/ssh-server';
import { type KeyPair, makeKey, tempDir } from './keys';

export interface World {
  readonly dir: string;
  readonly key: KeyPair;
  readonly server: SshTestServer;
  readonly knownHosts: string;
  /** Pools made here are closed by cleanup. */
  pool(options?: Partial<SshPoolOptions>): SshPool;
  target(name: string, port: number, overrides?: Partial<SshTarget>): SshTarget;
  /** Writes known_hosts with the server's key for these ports. */
  trust(...ports: number[]): void;
  cleanup(): Promise<void>;
}

export const FAST: SshPoolOptions = { connectTimeout: 3000, commandTimeout: 3000, concurrency: 8, maxBackoff: 30_000 };

export function makeWorld(serverOptions: Omit<SshTestServerOptions, 'authorizedKeys'> = {}): World {
  const tmp = tempDir('ssh-pool');
  const key = makeKey(tmp.dir, 'id_ed25519');
  const server = new SshTestServer({ ...serverOptions, authorizedKeys: [key.publicLine] });
  const knownHosts = join(tmp.dir, 'known_hosts');
  const pools: SshPool[] = [];
  return {
    dir: tmp.dir,
    key,
    server,
    knownHosts,
    pool(options = {}) {
      const pool = new SshPool({ ...FAST, ...options });
      pools.push(pool);
      return pool;
    },
    target(name, port, overrides = {}) {
      return { name, host: '127.0.0.1', port, user: 'admin', identityFile: key.privateFile, knownHosts, trustOnFirstUse: false, ...overrides };
    },
    trust(...ports) {
      writeFileSync(knownHosts, ports.map((p) => server.knownHostsLine(p)).join(''));
    },
    async cleanup() {
      await Promise.all(pools.map((p) => p.close()));
      await server.close();
      tmp.remove();
    },
  };
}

/** The SshError a promise rejects with; fails the test when it resolves or throws something else. */
export async function sshFailure(promise: Promise<unknown>, failure?: SshFailure): Promise<SshError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SshError)) throw new Error(`expected an SshError, got ${error instanceof Error ? error.stack : String(error)}`);
  if (failure && error.failure !== failure) throw new Error(`expected failure ${failure}, got ${error.failure}: ${error.message}`);
  return error;
}
