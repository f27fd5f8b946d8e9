import { describe, expect, it } from 'vitest';
import { SshError } from '../../src/clients/ssh/errors';
import { VirtualClock } from '../../src/clock';
import { checkSwitch } from '../../src/sources/ssh/check-switch';
import { doctorLines } from '../../commands/doctor-lines';
import { FakeShell, fixture, switchConfig } from './fake-shell';
import { SPINE_ESTABLISHED } from './frr-fixtures';

const spine = switchConfig('spine', 'spine');
const shell = () => new FakeShell(new VirtualClock(0));

describe('doctor: one switch', () => {
  it('passes when vtysh and lldpctl both answer with what the sources parse', async () => {
    const s = shell().set('spine', 'vtysh', fixture(SPINE_ESTABLISHED)).set('spine', 'lldpctl', fixture('lldpctl-spine-two-neighbours.json'));
    const check = await checkSwitch(spine, s, () => 0);
    expect(check).toMatchObject({ ok: true, detail: 'vtysh answers: 4/4 sessions Established; lldpctl: 2 neighbours' });
  });

  it('fails on lldpctl when FRR answers but LLDP does not (the topology would stay unknown)', async () => {
    const s = shell().set('spine', 'vtysh', fixture(SPINE_ESTABLISHED)).set('spine', 'lldpctl', { stderr: 'sh: 1: lldpctl: not found', code: 127 });
    const check = await checkSwitch(spine, s, () => 0);
    expect(check).toMatchObject({ ok: false, failed: 'lldpctl' });
    expect(check.detail).toBe('vtysh answers: 4/4 sessions Established; sh: 1: lldpctl: not found (lldpctl exit 127)');
  });

  it('names a refused host key as such and carries its hint to the hint line', async () => {
    const refused = new SshError('spine', 'host-key-unknown', 'spine: host key for 10.0.0.1 is not in /k (ED25519 SHA256:x)', { hint: 'add it with ssh-keyscan' });
    const check = await checkSwitch(spine, shell().set('spine', 'vtysh', { error: refused }), () => 0);
    expect(check).toMatchObject({ ok: false, failed: 'host-key', detail: 'host key for 10.0.0.1 is not in /k (ED25519 SHA256:x)' });
    expect(doctorLines([check], true)).toEqual([
      'spine   FAIL  admin@spine.mgmt:22  0 ms',
      '        host key for 10.0.0.1 is not in /k (ED25519 SHA256:x)',
      '        -> add it with ssh-keyscan',
    ]);
  });

  it('gives a stopped bgpd its own hint (not SSH advice), and every line fits 80 columns', async () => {
    const s = shell().set('spine', 'vtysh', { stderr: 'bgpd is not running', code: 1 });
    const check = await checkSwitch(spine, s, () => 0);
    expect(check).toMatchObject({ ok: false, failed: 'vtysh', detail: 'bgpd is not running (vtysh exit 1)' });
    const lines = doctorLines([check]);
    expect(lines.slice(0, 3)).toEqual([
      'spine   FAIL  admin@spine.mgmt:22  0 ms',
      '        bgpd is not running (vtysh exit 1)',
      "        → on spine: is FRR's bgpd running (systemctl status frr, or the bgp",
    ]);
    expect(lines.join('\n')).toMatch(/docker ps\)\? vtysh -c 'show bgp summary' says what\s+it sees/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('gives a refused connection the SSH hint, wrapped under the indent', async () => {
    const refused = new SshError('spine', 'connect', 'spine: cannot connect to 127.0.0.1:36591: connection refused');
    const check = await checkSwitch(spine, shell().set('spine', 'vtysh', { error: refused }), () => 0);
    const lines = doctorLines([check], true);
    expect(lines[1]).toBe('        cannot connect to 127.0.0.1:36591: connection refused');
    expect(lines.slice(2).join(' ')).toMatch(/^ +-> spine does not answer over SSH: check its power and management link, +sshd, and the host key in known_hosts$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('puts a passing switch on two lines and its host key on a third, all within 80 columns', async () => {
    const s = shell().set('spine', 'vtysh', fixture(SPINE_ESTABLISHED)).set('spine', 'lldpctl', fixture('lldpctl-spine-two-neighbours.json'));
    const check = { ...(await checkSwitch(spine, s, () => 0)), hostKey: { type: 'ssh-ed25519', fingerprint: 'SHA256:lN/eexe9d+uTi6rXr1IcE5Qh5D1lyZUBPFHGJGqUbo4', status: 'known' as const } };
    expect(doctorLines([check])).toEqual([
      'spine   ok    admin@spine.mgmt:22  0 ms',
      '        vtysh answers: 4/4 sessions Established; lldpctl: 2 neighbours',
      '        host key ssh-ed25519 SHA256:lN/eexe9d+uTi6rXr1IcE5Qh5D1lyZUBPFHGJGqUbo4',
    ]);
  });
});
