// Switches behind a jump host: two in-process ssh2 servers speaking the real SSH protocol, one forwarding
// (direct-tcpip) to the other, each with its own host key checked against known_hosts.
import { appendFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SshHop } from '../../src/clients/ssh/types';
import { SshTestServer } from '../helpers/ssh-server';
import { makeWorld, sshFailure, type World } from './pool-setup';

let world: World;
let jumpServer: SshTestServer;
let jumpPort: number;
let switchPort: number;
let jumpHost: SshHop;

beforeEach(async () => {
  world = makeWorld({ exec: (command, ctx) => ({ stdout: `switch ${ctx.port}: ${command}`, code: 0 }) });
  switchPort = await world.server.listen();
  jumpServer = new SshTestServer({ authorizedKeys: [world.key.publicLine], exec: () => ({ stdout: 'jump host', code: 0 }) });
  jumpPort = await jumpServer.listen();
  jumpHost = { host: '127.0.0.1', port: jumpPort, user: 'ops', identityFile: world.key.privateFile };
  world.trust(switchPort);
  appendFileSync(world.knownHosts, jumpServer.knownHostsLine(jumpPort));
});
afterEach(async () => {
  await world.cleanup();
  await jumpServer.close();
});

describe('SshPool jump hosts (in-process ssh2 servers, real protocol)', () => {
  it('runs commands on switches through one shared connection to the jump host', async () => {
    const pool = world.pool();
    const spine = world.target('spine', switchPort, { jumpHost });
    const leaf = world.target('leaf01', switchPort, { jumpHost });
    const [a, b] = await Promise.all([pool.run(spine, ['show', 'bgp']), pool.run(leaf, ['show', 'lldp'])]);
    expect(a.stdout).toBe(`switch ${switchPort}: show bgp`);
    expect(b.stdout).toBe(`switch ${switchPort}: show lldp`);
    await pool.run(spine, ['again']);
    expect(jumpServer.connectionsTo(jumpPort)).toBe(1);
    expect(world.server.connectionsTo(switchPort)).toBe(2);
    expect(jumpServer.stats.execs).toBe(0);
    expect(pool.hostKey(spine)?.fingerprint).not.toBeUndefined();
  });

  it('checks the jump host key under its own host and port', async () => {
    writeFileSync(world.knownHosts, world.server.knownHostsLine(switchPort));
    const error = await sshFailure(world.pool().run(world.target('spine', switchPort, { jumpHost }), ['x']), 'host-key-unknown');
    expect(error.message).toMatch(new RegExp(`^spine: host key for jump host \\[127\\.0\\.0\\.1\\]:${jumpPort} is not in .* \\(ED25519 SHA256:`));
    expect(world.server.connectionsTo(switchPort)).toBe(0);
  });

  it('checks the switch key behind the jump host too', async () => {
    writeFileSync(world.knownHosts, jumpServer.knownHostsLine(jumpPort));
    const error = await sshFailure(world.pool().run(world.target('spine', switchPort, { jumpHost }), ['x']), 'host-key-unknown');
    expect(error.message).toContain(`spine: host key for [127.0.0.1]:${switchPort} is not in`);
  });

  it('says when the jump host cannot reach the switch', async () => {
    const down = await world.server.listen();
    await world.server.stop(down);
    const error = await sshFailure(world.pool().run(world.target('spine', down, { jumpHost }), ['x']), 'connect');
    expect(error.message).toContain(`spine: jump host 127.0.0.1:${jumpPort} cannot reach 127.0.0.1:${down}`);
  });

  it('reports an unreachable jump host with the switch name and the jump host in the reason', async () => {
    await jumpServer.stop(jumpPort);
    const pool = world.pool();
    const error = await sshFailure(pool.run(world.target('leaf02', switchPort, { jumpHost }), ['x']), 'connect');
    expect(error.message).toBe(`leaf02: cannot connect to jump host 127.0.0.1:${jumpPort}: connection refused`);
    const waiting = await sshFailure(pool.run(world.target('leaf02', switchPort, { jumpHost }), ['x']), 'backoff');
    expect(waiting.message).toBe(`leaf02: unreachable (jump host 127.0.0.1:${jumpPort}: connection refused); next attempt in 1 s`);
  });
});
