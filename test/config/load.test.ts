import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ENV_VARS, loadConfig, SCENARIOS } from '../../src/config';
import { configError, tempDir, writeConfig } from './helpers';

const FULL = `
rack:
  name: rack-7
mode: sim
sim:
  seed: 42
  scenario: k3s-lost
  scale: 500
refresh:
  interval: 500ms
  timeout: 2s
health:
  stuckPhaseAfter: 20m
  conditionGrace: 2m
  switchSyncStale: 5m
  sizeDropRatio: 0.25
  minVersions: 3
incident:
  startedAt: 2026-11-25T03:00:00Z
ui:
  color: never
  ascii: true
  readOnly: true
`;

describe('loadConfig: location and defaults', () => {
  it('uses the defaults and says so when the default file is missing', async () => {
    const home = tempDir();
    const loaded = await loadConfig({ env: { HOME: home } });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.origin).toBe('default');
    expect(loaded.file).toBeUndefined();
    expect(loaded.notices).toEqual([
      `no config file at ${join(home, '.config', 'rackpilot', 'config.yaml')}: running the simulated rack`,
    ]);
  });

  it('does not promise the simulated rack when the environment asks for real mode', async () => {
    const loaded = await loadConfig({ env: { HOME: tempDir(), RACKPILOT_MODE: 'real' } });
    expect(loaded.config.mode).toBe('real');
    expect(loaded.notices).toContainEqual(expect.stringMatching(/^no config file at .*: using defaults$/));
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      rack: { name: 'mini-rack', networks: ['10.0.0.0/8', '192.168.1.0/24'] },
      mode: 'sim',
      sim: { seed: 1, scenario: 'none' },
      refresh: { interval: 5000, timeout: 10_000 },
      health: { stuckPhaseAfter: 900_000, conditionGrace: 0, switchSyncStale: 60_000, sizeDropRatio: 0.5, minVersions: 2 },
      ui: { color: 'auto', ascii: false, readOnly: false },
      wizards: {},
      switches: [],
      ssh: { connectTimeout: 5000, commandTimeout: 10_000, concurrency: 32, maxBackoff: 30_000 },
      links: [],
      backups: [],
    });
    expect(Object.isFrozen(DEFAULT_CONFIG.sim)).toBe(true);
  });

  it('reads $XDG_CONFIG_HOME/rackpilot/config.yaml', async () => {
    const xdg = tempDir();
    const file = writeConfig('rack:\n  name: from-xdg\n', 'rackpilot/config.yaml', xdg);
    const loaded = await loadConfig({ env: { HOME: tempDir(), XDG_CONFIG_HOME: xdg } });
    expect(loaded).toMatchObject({ origin: 'file', file, notices: [] });
    expect(loaded.config.rack.name).toBe('from-xdg');
  });

  it('falls back to $HOME/.config when XDG_CONFIG_HOME is unset', async () => {
    const home = tempDir();
    writeConfig('sim:\n  seed: 9\n', '.config/rackpilot/config.yaml', home);
    const loaded = await loadConfig({ env: { HOME: home } });
    expect(loaded.config.sim.seed).toBe(9);
  });

  it('treats an empty file as all defaults', async () => {
    const file = writeConfig('# nothing here yet\n');
    const loaded = await loadConfig({ flags: { config: file }, env: {} });
    expect(loaded).toMatchObject({ origin: 'file', file, notices: [] });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
  });

  it('accepts a section whose keys are all commented out', async () => {
    const file = writeConfig('sim:\n  # seed: 3\n');
    expect((await loadConfig({ flags: { config: file }, env: {} })).config.sim).toEqual(DEFAULT_CONFIG.sim);
  });

  it('errors when the file named by --config does not exist', async () => {
    const file = join(tempDir(), 'nope.yaml');
    const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
    expect(error.message).toBe(`${file}: no such file (named by --config)`);
    expect(error.file).toBe(file);
  });

  it('errors when the file named by RACKPILOT_CONFIG does not exist', async () => {
    const file = join(tempDir(), 'nope.yaml');
    const error = await configError(() => loadConfig({ env: { RACKPILOT_CONFIG: file } }));
    expect(error.message).toBe(`${file}: no such file (named by RACKPILOT_CONFIG)`);
  });

  it('resolves a relative --config against cwd and prefers it to RACKPILOT_CONFIG', async () => {
    const dir = tempDir();
    writeConfig('rack:\n  name: relative\n', 'rack.yaml', dir);
    const loaded = await loadConfig({
      flags: { config: 'rack.yaml' },
      env: { RACKPILOT_CONFIG: join(dir, 'missing.yaml') },
      cwd: dir,
    });
    expect(loaded.file).toBe(join(dir, 'rack.yaml'));
    expect(loaded.config.rack.name).toBe('relative');
  });

  it('expands ~ in RACKPILOT_CONFIG', async () => {
    const home = tempDir();
    writeConfig('rack:\n  name: tilde\n', 'rack.yaml', home);
    const loaded = await loadConfig({ env: { HOME: home, RACKPILOT_CONFIG: '~/rack.yaml' } });
    expect(loaded.config.rack.name).toBe('tilde');
  });

  it('reports a directory in place of the file clearly', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'config.yaml'));
    const error = await configError(() => loadConfig({ flags: { config: join(dir, 'config.yaml') }, env: {} }));
    expect(error.message).toBe(`${join(dir, 'config.yaml')}: is a directory, expected a regular file`);
  });
});

describe('loadConfig: a full file', () => {
  it('reads every key, durations in ms and the incident time in epoch ms', async () => {
    const file = writeConfig(FULL);
    const loaded = await loadConfig({ flags: { config: file }, env: {} });
    expect(loaded.config).toEqual({
      rack: { name: 'rack-7', networks: ['10.0.0.0/8', '192.168.1.0/24'] },
      mode: 'sim',
      sim: { seed: 42, scenario: 'k3s-lost', scale: 500 },
      refresh: { interval: 500, timeout: 2000 },
      health: { stuckPhaseAfter: 1_200_000, conditionGrace: 120_000, switchSyncStale: 300_000, sizeDropRatio: 0.25, minVersions: 3 },
      incident: { startedAt: Date.UTC(2026, 10, 25, 3, 0, 0) },
      ui: { color: 'never', ascii: true, readOnly: true },
      wizards: {},
      switches: [],
      ssh: DEFAULT_CONFIG.ssh,
      links: [],
      backups: [],
    });
  });

  it('takes durations as plain milliseconds and times with an offset', async () => {
    const file = writeConfig('refresh:\n  interval: 750\nincident:\n  startedAt: "2026-11-25T04:30:00+01:00"\n');
    const { config } = await loadConfig({ flags: { config: file }, env: {} });
    expect(config.refresh.interval).toBe(750);
    expect(config.incident).toEqual({ startedAt: Date.UTC(2026, 10, 25, 3, 30, 0) });
  });

  it('accepts every scenario', async () => {
    for (const scenario of SCENARIOS) {
      const file = writeConfig(`sim:\n  scenario: ${scenario}\n`);
      expect((await loadConfig({ flags: { config: file }, env: {} })).config.sim.scenario).toBe(scenario);
    }
  });
});

describe('loadConfig: precedence defaults < file < env < flags', () => {
  const fileText = 'rack:\n  name: file-rack\nsim:\n  scenario: rack-lost\n  scale: 10\n  seed: 5\n';

  it('file over defaults', async () => {
    const { config } = await loadConfig({ flags: { config: writeConfig(fileText) }, env: {} });
    expect(config.rack.name).toBe('file-rack');
    expect(config.sim).toEqual({ seed: 5, scenario: 'rack-lost', scale: 10 });
  });

  it('environment over file', async () => {
    const env = {
      RACKPILOT_RACK_NAME: 'env-rack',
      RACKPILOT_SCENARIO: 'cold-boot',
      RACKPILOT_SCALE: '200',
      RACKPILOT_SEED: '-3',
      RACKPILOT_MODE: 'sim',
      RACKPILOT_REFRESH_INTERVAL: '2s',
    };
    const { config } = await loadConfig({ flags: { config: writeConfig(fileText) }, env });
    expect(config.rack.name).toBe('env-rack');
    expect(config.sim).toEqual({ seed: -3, scenario: 'cold-boot', scale: 200 });
    expect(config.refresh.interval).toBe(2000);
  });

  it('flags over environment', async () => {
    const env = { RACKPILOT_RACK_NAME: 'env-rack', RACKPILOT_SCENARIO: 'cold-boot', RACKPILOT_SCALE: '200' };
    const { config } = await loadConfig({
      flags: { config: writeConfig(fileText), scenario: 'shoot-workers-lost', scale: 3000, seed: 8, readOnly: true },
      env,
    });
    expect(config.rack.name).toBe('env-rack');
    expect(config.sim).toEqual({ seed: 8, scenario: 'shoot-workers-lost', scale: 3000 });
    expect(config.ui.readOnly).toBe(true);
  });

  it('ignores empty environment values', async () => {
    const { config } = await loadConfig({ flags: { config: writeConfig(fileText) }, env: { RACKPILOT_SCALE: '' } });
    expect(config.sim.scale).toBe(10);
  });

  it('NO_COLOR (any non-empty value) turns colour off, --color overrides it', async () => {
    const file = writeConfig('ui:\n  color: always\n');
    expect((await loadConfig({ flags: { config: file }, env: { NO_COLOR: '1' } })).config.ui.color).toBe('never');
    expect((await loadConfig({ flags: { config: file }, env: { NO_COLOR: '' } })).config.ui.color).toBe('always');
    const flagged = await loadConfig({ flags: { config: file, color: 'always' }, env: { NO_COLOR: 'yes' } });
    expect(flagged.config.ui.color).toBe('always');
  });

  it('documents every variable it reads', () => {
    expect(ENV_VARS.map((v) => v.name)).toEqual([
      'RACKPILOT_CONFIG',
      'RACKPILOT_MODE',
      'RACKPILOT_RACK_NAME',
      'RACKPILOT_SCENARIO',
      'RACKPILOT_SEED',
      'RACKPILOT_SCALE',
      'RACKPILOT_REFRESH_INTERVAL',
      'NO_COLOR',
    ]);
    for (const v of ENV_VARS) expect(v.description).not.toBe('');
  });
});
