// SshPool running commands against an in-process ssh2 server that speaks the real SSH protocol on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshOutputTooLargeError } from '../../src/clients/ssh/errors';
import { MAX_OUTPUT_BYTES } from '../../src/clients/ssh/exec-command';
import { makeWorld, type World } from './pool-setup';

let world: World;
let port: number;

beforeEach(async () => {
  world = makeWorld();
  port = await world.server.listen();
  world.trust(port);
});
afterEach(() => world.cleanup());

describe('SshPool commands (in-process ssh2 server, real protocol)', () => {
  it('runs a command and reuses one connection for 10 polls', async () => {
    world.server.exec = (command, ctx) => ({ stdout: `${ctx.user} ran ${command}\n`, code: 0 });
    const pool = world.pool();
    const spine = world.target('spine', port);
    expect(pool.hostKey(spine)).toBeUndefined();
    for (let poll = 0; poll < 10; poll++) {
      await expect(pool.run(spine, ['vtysh', '-c', 'show bgp summary json'])).resolves.toEqual({
        stdout: "admin ran vtysh -c 'show bgp summary json'\n",
        stderr: '',
        code: 0,
      });
    }
    expect(world.server.connectionsTo(port)).toBe(1);
    expect(world.server.stats.execs).toBe(10);
    expect(pool.hostKey(spine)).toMatchObject({ type: 'ssh-ed25519', status: 'known', fingerprint: expect.stringMatching(/^SHA256:/) });
  });

  it('sends argv with spaces, quotes and shell characters as one exactly quoted command string', async () => {
    const pool = world.pool();
    await pool.run(world.target('spine', port), ['vtysh', '-c', "show bgp vrf it's", '', '$(reboot)', 'a;b', '--json=x', '/etc/sonic']);
    expect(world.server.commands.at(-1)).toEqual({ port, command: `vtysh -c 'show bgp vrf it'\\''s' '' '$(reboot)' 'a;b' --json=x /etc/sonic` });
  });

  it('resolves a non-zero exit with its code and stderr, untrimmed', async () => {
    world.server.exec = () => ({ stdout: '  partial\n', stderr: '% Unknown command: show bgp\n', code: 2 });
    const result = await world.pool().run(world.target('spine', port), ['vtysh', '-c', 'show bgp']);
    expect(result).toEqual({ stdout: '  partial\n', stderr: '% Unknown command: show bgp\n', code: 2 });
  });

  it('keeps multi-byte UTF-8 intact across packet boundaries', async () => {
    const text = 'Überlänge ✓ '.repeat(20_000);
    world.server.exec = () => ({ stdout: text, code: 0 });
    const result = await world.pool().run(world.target('spine', port), ['cat', 'descriptions']);
    expect(result.stdout).toBe(text);
  });

  it('stops a command whose output exceeds the cap and keeps the connection', async () => {
    world.server.exec = (command) => (command === 'flood' ? { stdout: 'x'.repeat(MAX_OUTPUT_BYTES + 1), code: 0 } : { stdout: 'ok', code: 0 });
    const pool = world.pool();
    const spine = world.target('spine', port);
    const error = await pool.run(spine, ['flood']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshOutputTooLargeError);
    expect((error as Error).message).toBe('spine: output of `flood` exceeded 8 MiB; the command was stopped');
    await expect(pool.run(spine, ['echo'])).resolves.toMatchObject({ stdout: 'ok' });
    expect(world.server.connectionsTo(port)).toBe(1);
  });

  it('refuses an empty argv before connecting', async () => {
    await expect(world.pool().run(world.target('spine', port), [])).rejects.toThrow('argv is empty');
    expect(world.server.connectionsTo(port)).toBe(0);
  });
});
