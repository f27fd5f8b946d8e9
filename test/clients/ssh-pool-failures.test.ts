// Timeouts, abort, server restarts and reconnect backoff of SshPool, against an in-process ssh2 server speaking the
// real SSH protocol (and a port that accepts TCP but never speaks SSH).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rootFailure } from '../../src/clients/ssh/errors';
import { makeWorld, sshFailure, type World } from './pool-setup';

let world: World;
let port: number;

beforeEach(async () => {
  world = makeWorld();
  port = await world.server.listen();
  world.trust(port);
  world.server.exec = (command) => (command.startsWith('sleep') ? 'hang' : { stdout: 'ok\n', code: 0 });
});
afterEach(() => world.cleanup());

describe('SshPool failures (in-process ssh2 server, real protocol)', () => {
  it('gives up on a server that accepts TCP but never speaks SSH within the connect timeout', async () => {
    const silent = await world.server.listen({ silent: true });
    const started = Date.now();
    const error = await sshFailure(world.pool({ connectTimeout: 300 }).run(world.target('spine', silent), ['true']), 'timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error.message).toBe(`spine: connect to 127.0.0.1:${silent} timed out after 300 ms (TCP connect, SSH handshake and login)`);
  });

  it('times out a command, closes its channel and keeps the connection for the next one', async () => {
    const pool = world.pool({ commandTimeout: 200 });
    const spine = world.target('spine', port);
    const started = Date.now();
    const error = await sshFailure(pool.run(spine, ['sleep', '100']), 'timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error.message).toBe('spine: `sleep 100` timed out after 200 ms');
    await vi.waitFor(() => expect(world.server.stats.concurrentExecs).toBe(0));
    await expect(pool.run(spine, ['echo'])).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(world.server.connectionsTo(port)).toBe(1);
  });

  it('aborts a running command at once and closes its channel', async () => {
    const pool = world.pool();
    const controller = new AbortController();
    const running = pool.run(world.target('spine', port), ['sleep', '100'], controller.signal);
    await vi.waitFor(() => expect(world.server.stats.concurrentExecs).toBe(1));
    controller.abort();
    const error = await sshFailure(running, 'aborted');
    expect(error.message).toBe('spine: `sleep 100` aborted');
    await vi.waitFor(() => expect(world.server.stats.concurrentExecs).toBe(0));
  });

  it('aborts a call waiting for a concurrency slot without ever running it', async () => {
    const pool = world.pool({ concurrency: 1 });
    const first = new AbortController();
    const second = new AbortController();
    const hanging = pool.run(world.target('spine', port), ['sleep', '1'], first.signal);
    await vi.waitFor(() => expect(world.server.stats.concurrentExecs).toBe(1));
    const queued = pool.run(world.target('leaf01', port), ['echo'], second.signal);
    second.abort();
    await sshFailure(queued, 'aborted');
    first.abort();
    await sshFailure(hanging, 'aborted');
    expect(world.server.stats.execs).toBe(1);
    expect(world.server.connectionsTo(port)).toBe(1);
  });

  it('refuses a call whose signal is already aborted without connecting', async () => {
    await sshFailure(world.pool().run(world.target('spine', port), ['echo'], AbortSignal.abort()), 'aborted');
    expect(world.server.connectionsTo(port)).toBe(0);
  });

  it('after a server restart: connect error, then backoff naming the reason, then a reconnect once it has passed', async () => {
    let now = 1_000_000;
    const pool = world.pool({ now: () => now, maxBackoff: 4000 });
    const spine = world.target('spine', port);
    await pool.run(spine, ['echo']);
    await world.server.stop(port);
    await vi.waitFor(() => expect(pool.hostKey(spine)).toBeUndefined());

    const refused = await sshFailure(pool.run(spine, ['echo']), 'connect');
    expect(refused.message).toBe(`spine: cannot connect to 127.0.0.1:${port}: connection refused`);
    const waiting = await sshFailure(pool.run(spine, ['echo']), 'backoff');
    expect(waiting.message).toBe('spine: unreachable (connection refused); next attempt in 1 s');
    expect(rootFailure(waiting)).toBe('connect');

    now += 1000;
    await sshFailure(pool.run(spine, ['echo']), 'connect');
    expect((await sshFailure(pool.run(spine, ['echo']), 'backoff')).message).toContain('next attempt in 2 s');
    now += 2000;
    await sshFailure(pool.run(spine, ['echo']), 'connect');
    now += 4000;
    await sshFailure(pool.run(spine, ['echo']), 'connect');
    // Capped at maxBackoff (4 s), not 8 s.
    expect((await sshFailure(pool.run(spine, ['echo']), 'backoff')).message).toContain('next attempt in 4 s');

    await world.server.start(port);
    expect((await sshFailure(pool.run(spine, ['echo']), 'backoff')).message).toContain('connection refused');
    now += 4000;
    await expect(pool.run(spine, ['echo'])).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(world.server.connectionsTo(port)).toBe(2);

    // A success resets the backoff: the next outage starts at 1 s again.
    await world.server.stop(port);
    await vi.waitFor(() => expect(pool.hostKey(spine)).toBeUndefined());
    await sshFailure(pool.run(spine, ['echo']), 'connect');
    expect((await sshFailure(pool.run(spine, ['echo']), 'backoff')).message).toContain('next attempt in 1 s');
  });

  it('drops a connection the server closed and reopens it on the next call, without backoff', async () => {
    const pool = world.pool();
    const spine = world.target('spine', port);
    await pool.run(spine, ['echo']);
    await world.server.stop(port);
    await world.server.start(port);
    await vi.waitFor(() => expect(pool.hostKey(spine)).toBeUndefined());
    await expect(pool.run(spine, ['echo'])).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(world.server.connectionsTo(port)).toBe(2);
  });

  it('refuses calls after close()', async () => {
    const pool = world.pool();
    const spine = world.target('spine', port);
    await pool.run(spine, ['echo']);
    await pool.close();
    expect(pool.hostKey(spine)).toBeUndefined();
    await sshFailure(pool.run(spine, ['echo']), 'closed');
  });
});
