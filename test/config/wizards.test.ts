import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { bootstrapCommands, bootstrapSettings } from '../../src/wizards/runbooks/bootstrap-config';
import { configError, writeConfig } from './helpers';

describe('the wizards section of the config', () => {
  it('takes a bootstrap command per step as an argument list', async () => {
    const file = writeConfig('wizards:\n  bootstrap:\n    k3s:\n      command: [ansible-playbook, -i, inventories/initial, k3s.yaml]\n');
    const { config } = await loadConfig({ flags: { config: file }, env: {} });
    expect(bootstrapCommands(config.wizards)).toEqual({ k3s: ['ansible-playbook', '-i', 'inventories/initial', 'k3s.yaml'] });
  });

  it('defaults to no overrides', async () => {
    const { config } = await loadConfig({ flags: { config: writeConfig('') }, env: {} });
    expect(bootstrapCommands(config.wizards)).toEqual({});
  });

  it('refuses a shell string instead of an argument list, naming the key', async () => {
    const file = writeConfig('wizards:\n  bootstrap:\n    k3s:\n      command: "ansible-playbook site.yaml"\n');
    const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
    expect(error.keyPath).toBe('wizards.bootstrap.k3s.command');
    expect(error.message).toMatch(/expected a command as a list of arguments/);
  });

  it('names an unknown step with a suggestion', async () => {
    const file = writeConfig('wizards:\n  bootstrap:\n    gardner:\n      command: [x]\n');
    const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
    expect(error.keyPath).toBe('wizards.bootstrap.gardner');
    expect(error.message).toMatch(/did you mean "gardener"/);
  });
});

describe('a bootstrap step\'s timeout and idempotent', () => {
  it('reads a duration and a boolean per step', async () => {
    const file = writeConfig('wizards:\n  bootstrap:\n    k3s: { command: [k3s.sh], timeout: 45m, idempotent: true }\n    shoots: { timeout: 90s }\n');
    const { config } = await loadConfig({ flags: { config: file }, env: {} });
    expect(bootstrapSettings(config.wizards)).toEqual({ k3s: { timeout: 45 * 60_000, idempotent: true }, shoots: { timeout: 90_000 } });
  });

  it('names a timeout that is not a duration, or too short, and an idempotent that is not a boolean', async () => {
    const bad = async (text: string) => configError(() => loadConfig({ flags: { config: writeConfig(text) }, env: {} }));
    const word = await bad('wizards:\n  bootstrap:\n    k3s: { timeout: soon }\n');
    expect([word.keyPath, word.message]).toEqual(['wizards.bootstrap.k3s.timeout', expect.stringMatching(/expected a duration like "500ms"/)]);
    expect((await bad('wizards:\n  bootstrap:\n    k3s: { timeout: 10ms }\n')).message).toMatch(/expected a duration of at least 1s/);
    const flag = await bad('wizards:\n  bootstrap:\n    k3s: { idempotent: "yes" }\n');
    expect([flag.keyPath, flag.message]).toEqual(['wizards.bootstrap.k3s.idempotent', expect.stringMatching(/expected true or false/)]);
  });
});
