// What the wizard commands refuse on a real rack: --auto always; recover and drill without kubernetes: and backups:.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardRealRack } from '../../commands/wizard/guard';
import { loadConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'rackpilot-guard-'));
const KUBE = 'kubernetes:\n  kubeconfig: /nonexistent/kubeconfig\n  initial: k3s\n';
const BACKUPS = 'backups:\n  - { id: initial-metal-db, endpoint: "http://s3.test:7480", bucket: backups, accessKeyIdEnv: AK, secretAccessKeyEnv: SK }\n';

async function config(text: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return (await loadConfig({ flags: { config: file }, env: { HOME: dir } })).config;
}

describe('guardRealRack', () => {
  it('lets recover run on a real rack whose config has kubernetes: and backups:', async () => {
    const c = await config(KUBE + BACKUPS);
    expect(c.mode).toBe('real');
    expect(() => guardRealRack(c, 'recover', {})).not.toThrow();
  });

  it('refuses --auto on a real rack: a person types the confirmation', async () => {
    const c = await config(KUBE + BACKUPS);
    expect(() => guardRealRack(c, 'recover', { auto: true })).toThrow('recover: --auto is for the simulated rack only');
  });

  it('names what recover lacks on a real rack', async () => {
    const onlyBackups = await config(BACKUPS);
    const onlyKube = await config(KUBE);
    expect(() => guardRealRack(onlyBackups, 'recover', {})).toThrow('recover: on a real rack the config needs a kubernetes: section (where the databases run)');
    expect(() => guardRealRack(onlyKube, 'recover', {})).toThrow('recover: on a real rack the config needs a backups: component (where their backups are)');
  });

  it('lets bootstrap run on a real rack whatever sources it has (a step without one is confirmed by hand), never with --auto', async () => {
    const both = await config(KUBE + BACKUPS);
    const onlyKube = await config(KUBE);
    expect(() => guardRealRack(both, 'bootstrap', {})).not.toThrow();
    expect(() => guardRealRack(onlyKube, 'bootstrap', {})).not.toThrow();
    expect(() => guardRealRack(onlyKube, 'bootstrap', { auto: true })).toThrow('bootstrap: --auto is for the simulated rack only');
  });

  it('lets drill run on a real rack with kubernetes: and backups:, never with --auto, and names what it lacks', async () => {
    const c = await config(KUBE + BACKUPS);
    expect(() => guardRealRack(c, 'drill', {})).not.toThrow();
    expect(() => guardRealRack(c, 'drill', { auto: true })).toThrow('drill: --auto is for the simulated rack only');
    const onlyBackups = await config(BACKUPS);
    expect(() => guardRealRack(onlyBackups, 'drill', {})).toThrow('drill: on a real rack the config needs a kubernetes: section');
  });
});
