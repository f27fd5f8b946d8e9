// How connect failures reported by the OS, ssh2 and node-ssh read: plain words, the switch and hop named.
import { describe, expect, it } from 'vitest';
import { connectFailure, type HopLabel } from '../../src/clients/ssh/connect-failure';

const hop: HopLabel = { switchName: 'spine', label: '10.0.0.1:22', user: 'admin', credentials: 'key file /k/id', identityFile: '/k/id' };
const jump: HopLabel = { ...hop, label: 'jump host bastion:22' };
const sys = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:22`), { code, level: 'client-socket' });

describe('connectFailure', () => {
  it('says system errors in plain words as connect failures', () => {
    expect(connectFailure(hop, sys('ECONNREFUSED'), 5000)).toMatchObject({
      failure: 'connect',
      message: 'spine: cannot connect to 10.0.0.1:22: connection refused',
      reason: 'connection refused',
    });
    expect(connectFailure(hop, sys('ENOTFOUND'), 5000).reason).toBe('host name not found');
    expect(connectFailure(hop, sys('EHOSTUNREACH'), 5000).reason).toBe('no route to host');
    expect(connectFailure(hop, sys('ENETUNREACH'), 5000).reason).toBe('network unreachable');
    expect(connectFailure(jump, sys('ECONNREFUSED'), 5000).reason).toBe('jump host bastion:22: connection refused');
  });

  it('reads timeouts as timeouts and a close during the handshake as a closed connection', () => {
    const handshake = Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' });
    expect(connectFailure(hop, handshake, 5000)).toMatchObject({ failure: 'timeout', reason: 'connect to 10.0.0.1:22 timed out after 5 s' });
    // node-ssh labels any close before ready ETIMEDOUT; that is not a timeout.
    const closed = Object.assign(new Error('No response from server'), { code: 'ETIMEDOUT' });
    expect(connectFailure(hop, closed, 5000)).toMatchObject({ failure: 'connect', reason: 'connection closed before the SSH login finished' });
  });

  it('reads a refused login as auth, naming user and credentials', () => {
    const auth = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    expect(connectFailure(hop, auth, 5000)).toMatchObject({
      failure: 'auth',
      message: 'spine: 10.0.0.1:22 refused login as admin (tried key file /k/id)',
    });
  });
});
