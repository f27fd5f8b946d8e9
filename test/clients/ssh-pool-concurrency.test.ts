// One concurrency limit across all switches: 20 logical switches on an in-process ssh2 server (real SSH protocol),
// each polled several times at once, never see more commands or logins in flight than the limit.
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorld, type World } from './pool-setup';

let world: World;
afterEach(() => world.cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SshPool concurrency (in-process ssh2 server, real protocol)', () => {
  it('keeps commands and connection attempts in flight at or below the limit with 20 switches', async () => {
    world = makeWorld({
      exec: async (command, ctx) => {
        await sleep(30);
        return { stdout: `${ctx.port} ${command}`, code: 0 };
      },
    });
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await world.server.listen());
    world.trust(...ports);
    const pool = world.pool({ concurrency: 4 });
    const targets = ports.map((port, i) => world.target(`leaf${i}`, port));

    const results = await Promise.all(targets.flatMap((t) => [1, 2, 3].map((n) => pool.run(t, ['poll', String(n)]))));

    expect(results).toHaveLength(60);
    expect(results[0]).toEqual({ stdout: `${ports[0]} poll 1`, stderr: '', code: 0 });
    const { stats } = world.server;
    expect(stats.execs).toBe(60);
    expect(stats.maxConcurrentExecs).toBeLessThanOrEqual(4);
    expect(stats.maxConcurrentExecs).toBeGreaterThanOrEqual(2);
    expect(stats.maxConcurrentHandshakes).toBeLessThanOrEqual(4);
    // One connection per switch, shared by its three concurrent polls.
    expect(ports.map((p) => world.server.connectionsTo(p))).toEqual(ports.map(() => 1));
  });

  it('runs at most 8 commands at once on one switch, below OpenSSH MaxSessions (10)', async () => {
    world = makeWorld({
      exec: async () => {
        await sleep(30);
        return { stdout: 'ok', code: 0 };
      },
    });
    const port = await world.server.listen();
    world.trust(port);
    const pool = world.pool({ concurrency: 32 });
    const spine = world.target('spine', port);
    const results = await Promise.all(Array.from({ length: 20 }, () => pool.run(spine, ['show'])));
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(world.server.stats.maxConcurrentExecs).toBeLessThanOrEqual(8);
    expect(world.server.stats.maxConcurrentExecs).toBeGreaterThanOrEqual(4);
  });
});
