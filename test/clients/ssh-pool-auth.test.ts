// Login with a key file or a real ssh-agent, and clear 'auth' errors, against an in-process ssh2 server speaking
// the real SSH protocol.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeKey } from './keys';
import { makeWorld, sshFailure, type World } from './pool-setup';

let world: World;
let port: number;
let agent: ChildProcess | undefined;

beforeEach(async () => {
  world = makeWorld();
  port = await world.server.listen();
  world.trust(port);
});
afterEach(async () => {
  agent?.kill();
  agent = undefined;
  await world.cleanup();
});

/** A real ssh-agent in the foreground (so this test owns its pid), holding the world's key. */
async function startAgent(): Promise<string> {
  const socket = join(world.dir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  await vi.waitFor(() => expect(existsSync(socket)).toBe(true));
  execFileSync('ssh-add', ['-q', world.key.privateFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  return socket;
}

describe('SshPool authentication (in-process ssh2 server, real protocol)', () => {
  it('logs in through an ssh-agent when no key file is given', async () => {
    const socket = await startAgent();
    const target = world.target('spine', port, { identityFile: undefined, agent: socket });
    await expect(world.pool().run(target, ['echo'])).resolves.toMatchObject({ code: 0 });
  });

  it('names a missing identity file in an auth error, before connecting', async () => {
    const missing = join(world.dir, 'no_such_key');
    const error = await sshFailure(world.pool().run(world.target('spine', port, { identityFile: missing }), ['echo']), 'auth');
    expect(error.message).toBe(`spine: cannot read identity file ${missing} (no such file)`);
    expect(world.server.connectionsTo(port)).toBe(0);
  });

  it('says a key file that is not a private key is unusable, without showing its content', async () => {
    const garbage = join(world.dir, 'garbage_key');
    writeFileSync(garbage, 'SECRET-LOOKING-CONTENT\n', { mode: 0o600 });
    const error = await sshFailure(world.pool().run(world.target('spine', port, { identityFile: garbage }), ['echo']), 'auth');
    expect(error.message).toContain(`spine: identity file ${garbage} is not a usable private key`);
    expect(error.message).not.toContain('SECRET');
  });

  it('reports a key the switch does not accept as an auth failure naming user and key', async () => {
    const stranger = makeKey(world.dir, 'stranger');
    const target = world.target('spine', port, { identityFile: stranger.privateFile });
    const error = await sshFailure(world.pool().run(target, ['echo']), 'auth');
    expect(error.message).toBe(`spine: 127.0.0.1:${port} refused login as admin (tried key file ${stranger.privateFile})`);
    expect(error.reason).toBe('authentication as admin failed');
  });

  it('asks for a key file or an agent when the switch has neither', async () => {
    const target = world.target('spine', port, { identityFile: undefined, agent: undefined });
    const error = await sshFailure(world.pool().run(target, ['echo']), 'auth');
    expect(error.message).toBe(`spine: no identity file and no ssh-agent to log in to 127.0.0.1:${port}`);
  });
});
