// The identity file and known_hosts a switch names are read only when they are regular files of a sane size: a
// FIFO, a device or a directory there is that switch's connection error at once, never a read that hangs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorld, sshFailure, type World } from './pool-setup';

let world: World;
let port: number;
beforeEach(async () => {
  world = makeWorld();
  port = await world.server.listen();
  world.trust(port);
});
afterEach(() => world.cleanup());

/** A path of each kind that must be refused, and what the refusal says. */
function badPaths(): [string, string][] {
  const fifo = join(world.dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const dir = join(world.dir, 'a-dir');
  mkdirSync(dir);
  const link = join(world.dir, 'random-link');
  symlinkSync('/dev/urandom', link);
  return [
    [fifo, 'is a FIFO (named pipe), expected a regular file'],
    ['/dev/zero', 'is a character device, expected a regular file'],
    [link, 'is a character device, expected a regular file'],
    [dir, 'is a directory, expected a regular file'],
  ];
}

describe('SshPool: identity file and known_hosts must be regular files', () => {
  it('refuses an identity file that is a FIFO, a device or a directory, before connecting', { timeout: 3000 }, async () => {
    for (const [path, problem] of badPaths()) {
      const error = await sshFailure(world.pool().run(world.target('spine', port, { identityFile: path }), ['true']), 'auth');
      expect(error.message).toBe(`spine: cannot read identity file ${path} (${problem})`);
      expect(error.reason).toBe('identity file unreadable');
    }
    expect(world.server.connectionsTo(port)).toBe(0);
  });

  it('refuses an identity file larger than 64 KB', async () => {
    const big = join(world.dir, 'big_key');
    writeFileSync(big, Buffer.alloc(200_000, 'A'));
    const error = await sshFailure(world.pool().run(world.target('spine', port, { identityFile: big }), ['true']), 'auth');
    expect(error.message).toBe(`spine: cannot read identity file ${big} (is 200.0 KB, larger than the 64 KB an identity file may be)`);
  });

  it('refuses a known_hosts that is a FIFO, a device or a directory, before connecting', { timeout: 3000 }, async () => {
    for (const [path, problem] of badPaths()) {
      const error = await sshFailure(world.pool().run(world.target('spine', port, { knownHosts: path }), ['true']), 'host-key-unknown');
      expect(error.message).toBe(`spine: cannot read ${path} to check the host key (${problem})`);
      expect(error.reason).toBe('known_hosts unreadable');
    }
    expect(world.server.connectionsTo(port)).toBe(0);
  });

  it('does not record a host key into a FIFO with trustOnFirstUse', { timeout: 3000 }, async () => {
    const fifo = join(world.dir, 'kh-fifo');
    execFileSync('mkfifo', [fifo]);
    const target = world.target('spine', port, { knownHosts: fifo, trustOnFirstUse: true });
    const error = await sshFailure(world.pool().run(target, ['true']), 'host-key-unknown');
    expect(error.message).toContain('is a FIFO (named pipe), expected a regular file');
  });
});
