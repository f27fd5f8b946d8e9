import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { bootstrapCommands } from '../../src/wizards/runbooks/bootstrap-config';
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
