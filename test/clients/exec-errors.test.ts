import { describe, expect, it } from 'vitest';
import { cannotStart } from '../../src/clients/ssh/exec-command';

describe('a session channel the switch refuses', () => {
  it('says what an empty refusal usually means instead of "((SSH) Channel open failure: )"', () => {
    expect(cannotStart('leaf01', 'vtysh', new Error('(SSH) Channel open failure: ')).message).toBe(
      'leaf01: cannot start vtysh: the switch refused a session channel without saying why (sshd MaxSessions reached?)',
    );
  });

  it("keeps the server's reason when it gives one", () => {
    expect(cannotStart('leaf01', 'vtysh', new Error('(SSH) Channel open failure: administratively prohibited')).message).toBe(
      'leaf01: cannot start vtysh: Channel open failure: administratively prohibited',
    );
  });
});
