import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, writeConfig } from './helpers';

const load = (text: string, env: Record<string, string> = {}) => loadConfig({ flags: { config: writeConfig(text) }, env: { HOME: '/home/op', ...env } });

describe('config: kubernetes', () => {
  it('names the contexts that play each part; a config with them is the real rack', async () => {
    const { config } = await load('kubernetes:\n  kubeconfig: /etc/kube/garden.yaml:/etc/kube/k3s.yaml\n  garden: virtual-garden\n  initial: k3s\n  nested: { p1/c1: shoot--p1--c1 }\n  interval: 2s\n');
    expect(config.mode).toBe('real');
    expect(config.kubernetes).toEqual({
      kubeconfig: ['/etc/kube/garden.yaml', '/etc/kube/k3s.yaml'],
      garden: 'virtual-garden',
      initial: 'k3s',
      nested: [{ shoot: 'p1/c1', context: 'shoot--p1--c1' }],
      interval: 2000,
      requestTimeout: 10_000,
      namespaces: { metalStack: 'metal-control-plane', gardener: 'garden' },
    });
  });

  it('finds the kubeconfig as kubectl does: $KUBECONFIG, else ~/.kube/config', async () => {
    expect((await load('kubernetes: { garden: g }\n', { KUBECONFIG: '/a:/b' })).config.kubernetes?.kubeconfig).toEqual(['/a', '/b']);
    expect((await load('kubernetes: { garden: g }\n')).config.kubernetes?.kubeconfig).toEqual(['/home/op/.kube/config']);
  });

  it('is absent without a context, and refuses unknown keys and bad values with the key named', async () => {
    expect((await load('kubernetes: { kubeconfig: /x }\n')).config.kubernetes).toBeUndefined();
    expect((await configError(() => load('kubernetes: { gardn: g }\n'))).message).toMatch(/kubernetes\.gardn: unknown key \(did you mean "garden"\?\)/);
    expect((await configError(() => load('kubernetes: { garden: "a b" }\n'))).message).toMatch(/kubernetes\.garden: expected a kubeconfig context name/);
    expect((await configError(() => load('kubernetes: { nested: { c1: x } }\n'))).message).toMatch(/kubernetes\.nested\.c1: expected the key to name a shoot as project\/name/);
  });
});
