// Every duration in the file and the environment is at most 24h (Node timers overflow beyond 2^31 ms), and a
// number YAML reads as Infinity gets a message that says so.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, writeConfig } from './helpers';

const SWITCH = '  - { name: leaf01, role: leaf, address: 10.0.0.1, identityFile: /nonexistent/key }\n';

describe('durations are bounded', () => {
  it.each([
    ['ssh.commandTimeout', `switches:\n${SWITCH}ssh:\n  commandTimeout: 600h\n`, '"600h"'],
    ['ssh.connectTimeout', 'ssh:\n  connectTimeout: 600h\n', '"600h"'],
    ['ssh.maxBackoff', 'ssh:\n  maxBackoff: 2d\n', '"2d"'],
    ['refresh.interval', 'refresh:\n  interval: 600h\n', '"600h"'],
    ['refresh.timeout', 'refresh:\n  timeout: 86400001\n', '86400001'],
    ['health.stuckPhaseAfter', 'health:\n  stuckPhaseAfter: 25h\n', '"25h"'],
    ['switches.0.interval', `switches:\n${SWITCH.replace(' }', ', interval: 30d }')}`, '"30d"'],
  ])('%s', async (key, text, shown) => {
    const file = writeConfig(text);
    const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
    expect(error.message).toBe(`${file}: ${key}: expected a duration of at most 24h, got ${shown}`);
  });

  it('accepts exactly 24h', async () => {
    const file = writeConfig('ssh:\n  commandTimeout: 24h\nrefresh:\n  interval: 1d\n');
    const { config } = await loadConfig({ flags: { config: file }, env: {} });
    expect(config.ssh.commandTimeout).toBe(86_400_000);
    expect(config.refresh.interval).toBe(86_400_000);
  });

  it('bounds the environment too', async () => {
    const error = await configError(() => loadConfig({ env: { HOME: '/nonexistent', RACKPILOT_REFRESH_INTERVAL: '600h' } }));
    expect(error.message).toBe('environment RACKPILOT_REFRESH_INTERVAL: refresh.interval: expected a duration of at most 24h, got "600h"');
  });

  it('says a number YAML reads as Infinity is not finite', async () => {
    const file = writeConfig('refresh:\n  timeout: 1e400\n');
    const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
    expect(error.message).toBe(`${file}: refresh.timeout: expected a finite number of milliseconds, got Infinity`);
  });
});
