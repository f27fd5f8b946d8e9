import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, tempDir, writeConfig } from './helpers';

const LAB = `
switches:
  - name: spine
    role: spine
    address: 127.0.0.1
    port: 2220
    user: root
    identityFile: keys/id_ed25519
    knownHosts: ~/lab/known_hosts
    interval: 2s
  - name: leaf01
    role: leaf
    address: leaf01.rack
    agent: true
    jumpHost: { address: bastion, user: ops }
    commands:
      bgp: [sudo, vtysh, -c, show bgp vrf all summary json]
ssh:
  trustOnFirstUse: true
  concurrency: 8
  connectTimeout: 3s
links:
  - { a: spine:swp1, b: leaf01:swp1 }
  - { a: leaf01:swp3, b: machine01:lan0, kind: machine }
`;

describe('config: switches, ssh and links', () => {
  it('resolves switches with defaults, paths relative to the file and ~ to HOME', async () => {
    const home = tempDir();
    const file = writeConfig(LAB);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: home, SSH_AUTH_SOCK: '/run/agent.sock' } });
    expect(config.mode).toBe('real');
    const [spine, leaf] = config.switches;
    expect(spine).toMatchObject({ name: 'spine', role: 'spine', interval: 2000 });
    expect(spine?.target).toEqual({
      name: 'spine',
      host: '127.0.0.1',
      port: 2220,
      user: 'root',
      identityFile: join(file, '..', 'keys', 'id_ed25519'),
      knownHosts: join(home, 'lab', 'known_hosts'),
      trustOnFirstUse: true,
    });
    expect(spine?.commands.bgp).toEqual(['vtysh', '-c', 'show bgp vrf all summary json']);
    expect(leaf?.interval).toBe(config.refresh.interval);
    expect(leaf?.target).toMatchObject({ port: 22, user: 'admin', agent: '/run/agent.sock', knownHosts: join(home, '.ssh', 'known_hosts') });
    expect(leaf?.target.jumpHost).toEqual({ host: 'bastion', port: 22, user: 'ops', agent: '/run/agent.sock' });
    expect(leaf?.commands.bgp).toEqual(['sudo', 'vtysh', '-c', 'show bgp vrf all summary json']);
    expect(leaf?.commands.lldp).toEqual(['lldpctl', '-f', 'json']);
    expect(config.ssh).toEqual({ connectTimeout: 3000, commandTimeout: 10000, concurrency: 8, maxBackoff: 30000 });
    expect(config.links).toEqual([
      { a: { node: 'spine', port: 'swp1' }, b: { node: 'leaf01', port: 'swp1' }, kind: 'underlay' },
      { a: { node: 'leaf01', port: 'swp3' }, b: { node: 'machine01', port: 'lan0' }, kind: 'machine' },
    ]);
  });

  it('keeps the simulated rack when mode says so, even with switches listed', async () => {
    const file = writeConfig(`mode: sim\n${LAB}`);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: tempDir() } });
    expect(config.mode).toBe('sim');
  });

  it.each([
    ['switches:\n  - { name: spine, address: 10.0.0.1 }', 'switches.0.role: expected one of spine, leaf, exit'],
    ['switches:\n  - { name: spine, role: spine, address: 10.0.0.1, port: 70000 }', 'switches.0.port: expected a TCP port (1-65535), got 70000'],
    ['switches:\n  - { name: spine, role: spine, adress: 10.0.0.1 }', 'switches.0.adress: unknown key (did you mean "address"?)'],
    [
      'switches:\n  - { name: a, role: leaf, address: x }\n  - { name: a, role: leaf, address: y }',
      'switches.1.name: expected a unique name, "a" is used twice',
    ],
    ['switches:\n  - { name: a, role: leaf, address: x, jumpHost: { adress: b } }', 'switches.0.jumpHost.adress: unknown key (did you mean "address"?)'],
    ['switches:\n  - { name: a, role: leaf, address: x, commands: { bgp: vtysh } }', 'switches.0.commands.bgp: expected a command as a list of arguments'],
    ['links:\n  - { a: spine, b: leaf01:swp1 }', 'links.0.a: expected "node:port", e.g. spine:Ethernet0, got "spine"'],
    ['ssh:\n  concurency: 4', 'ssh.concurency: unknown key (did you mean "concurrency"?)'],
  ])('one clear error naming file and key: %s', async (text, expected) => {
    const file = writeConfig(text);
    const error = await configError(() => loadConfig({ flags: { config: file }, env: { HOME: tempDir() } }));
    expect(error.message).toContain(`${file}: ${expected}`);
  });
});

describe('config: real mode without sources', () => {
  it('notes that mode real needs a switches section', async () => {
    const file = writeConfig('mode: real\n');
    const loaded = await loadConfig({ flags: { config: file }, env: { HOME: tempDir() } });
    expect(loaded.notices).toEqual(['mode is real but no real source is configured: add switches:, kubernetes:, metalApi: or backups: (see README.md)']);
  });
});
