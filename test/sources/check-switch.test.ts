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
      'spine   FAIL  admin@spine.mgmt:22  host key for 10.0.0.1 is not in /k (ED25519 SHA256:x) (0 ms)',
      '        -> add it with ssh-keyscan',
    ]);
  });
});
