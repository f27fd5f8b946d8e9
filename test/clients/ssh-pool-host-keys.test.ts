// Host key checks of SshPool against known_hosts, with an in-process ssh2 server speaking the real SSH protocol.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/clients/ssh/host-key-format';
import { keyField, makeKey, sshKeygen, tempDir } from './keys';
import { makeWorld, sshFailure, type World } from './pool-setup';

let world: World;
afterEach(() => world.cleanup());

function serverFingerprint(index = 0): string {
  return fingerprint(Buffer.from(world.server.hostKeys[index]?.public.split(' ')[1] ?? '', 'base64'));
}

describe('SshPool host keys (in-process ssh2 server, real protocol)', () => {
  it('refuses an unknown host key, naming its fingerprint and how to add it, and writes nothing', async () => {
    world = makeWorld();
    const port = await world.server.listen();
    const error = await sshFailure(world.pool().run(world.target('spine', port), ['true']), 'host-key-unknown');
    expect(error.message).toBe(`spine: host key for [127.0.0.1]:${port} is not in ${world.knownHosts} (ED25519 ${serverFingerprint()})`);
    expect(error.hint).toContain(`ssh-keyscan -p ${port} -t ed25519 127.0.0.1 >> ${world.knownHosts}`);
    expect(error.hint).toContain('trustOnFirstUse');
    expect(error.switchName).toBe('spine');
    expect(existsSync(world.knownHosts)).toBe(false);
    expect(world.server.stats.execs).toBe(0);
  });

  it('refuses a changed host key even with trustOnFirstUse and leaves known_hosts as it was', async () => {
    world = makeWorld();
    const port = await world.server.listen();
    const old = makeKey(world.dir, 'old_host_key');
    const before = `[127.0.0.1]:${port} ${keyField(old)}\n`;
    writeFileSync(world.knownHosts, before);
    const target = world.target('spine', port, { trustOnFirstUse: true });
    const error = await sshFailure(world.pool().run(target, ['true']), 'host-key-changed');
    expect(error.message).toContain(`spine: host key for [127.0.0.1]:${port} has CHANGED`);
    expect(error.message).toContain(`ED25519 ${fingerprint(old.blob)} (line 1)`);
    expect(error.message).toContain(`the host presented ED25519 ${serverFingerprint()}`);
    expect(error.hint).toContain(`ssh-keygen -R '[127.0.0.1]:${port}'`);
    expect(readFileSync(world.knownHosts, 'utf8')).toBe(before);
  });

  it('trust-on-first-use records the key (creating the file) and the next connection finds it known', async () => {
    world = makeWorld();
    const port = await world.server.listen();
    const knownHosts = join(world.dir, 'fresh', 'known_hosts');
    const target = world.target('spine', port, { knownHosts, trustOnFirstUse: true });
    const first = world.pool();
    await first.run(target, ['true']);
    expect(first.hostKey(target)).toEqual({ type: 'ssh-ed25519', fingerprint: serverFingerprint(), status: 'recorded' });
    expect(readFileSync(knownHosts, 'utf8')).toBe(world.server.knownHostsLine(port));
    await first.close();
    const second = world.pool();
    await second.run(target, ['true']);
    expect(second.hostKey(target)?.status).toBe('known');
    expect(readFileSync(knownHosts, 'utf8')).toBe(world.server.knownHostsLine(port));
  });

  it('records a host once when several switches reach it at the same moment', async () => {
    world = makeWorld();
    const port = await world.server.listen();
    const targets = ['a', 'b', 'c', 'd', 'e'].map((name) => world.target(name, port, { trustOnFirstUse: true }));
    const pool = world.pool();
    await Promise.all(targets.map((t) => pool.run(t, ['true'])));
    expect(readFileSync(world.knownHosts, 'utf8')).toBe(world.server.knownHostsLine(port));
  });

  it('accepts a hashed known_hosts entry made by ssh-keygen -H', async () => {
    world = makeWorld();
    const port = await world.server.listen();
    world.trust(port);
    sshKeygen(['-H', '-f', world.knownHosts]);
    expect(readFileSync(world.knownHosts, 'utf8')).not.toContain('127.0.0.1');
    const pool = world.pool();
    const spine = world.target('spine', port);
    await expect(pool.run(spine, ['true'])).resolves.toMatchObject({ code: 0 });
    expect(pool.hostKey(spine)?.status).toBe('known');
  });

  it('asks for the key type recorded for the host, so an RSA entry is not judged against the ed25519 key', async () => {
    const keys = tempDir('host-keys');
    const ed = makeKey(keys.dir, 'host_ed25519');
    const rsa = makeKey(keys.dir, 'host_rsa', 'rsa');
    world = makeWorld({ hostKeys: [readFileSync(ed.privateFile, 'utf8'), readFileSync(rsa.privateFile, 'utf8')] });
    keys.remove();
    const port = await world.server.listen();
    writeFileSync(world.knownHosts, world.server.knownHostsLine(port, 1));
    const pool = world.pool();
    const spine = world.target('spine', port);
    await pool.run(spine, ['true']);
    expect(pool.hostKey(spine)).toMatchObject({ type: 'ssh-rsa', status: 'known', fingerprint: fingerprint(rsa.blob) });
  });
});
