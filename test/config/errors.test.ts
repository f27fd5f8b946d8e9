import { describe, expect, it } from 'vitest';
import { loadConfig, SCENARIOS } from '../../src/config';
import type { ConfigError } from '../../src/errors';
import { configError, writeConfig } from './helpers';

/** Loads `text` as the --config file and returns the ConfigError it must raise. */
async function broken(text: string): Promise<{ file: string; error: ConfigError }> {
  const file = writeConfig(text);
  const error = await configError(() => loadConfig({ flags: { config: file }, env: {} }));
  expect(error.file).toBe(file);
  expect(error.stack ?? '').not.toContain('ZodError');
  return { file, error };
}

describe('broken config files give one readable ConfigError', () => {
  it('bad YAML: line, column and a short reason', async () => {
    const { file, error } = await broken('rack:\n  name: a\n  name: b\n');
    expect(error.message).toBe(`${file}: line 3, column 3: invalid YAML: Map keys must be unique`);
    expect(error.keyPath).toBe('');
    expect(error.message).not.toContain('\n');
  });

  it('bad YAML: unclosed flow sequence', async () => {
    const { file, error } = await broken('sim:\n  seed: [1, 2\nui:\n  ascii: true\n');
    expect(error.message).toMatch(new RegExp(`^${file}: line \\d+, column \\d+: invalid YAML: \\S`));
  });

  it('unknown key with a suggestion', async () => {
    const { file, error } = await broken('rack:\n  nmae: mini\n');
    expect(error.keyPath).toBe('rack.nmae');
    expect(error.message).toBe(`${file}: rack.nmae: unknown key (did you mean "name"?)`);
  });

  it('unknown top-level key with a suggestion, and without one lists the known keys', async () => {
    expect((await broken('refesh:\n  interval: 5s\n')).error.message).toMatch(
      /: refesh: unknown key \(did you mean "refresh"\?\)$/,
    );
    expect((await broken('ui:\n  theme: dark\n')).error.message).toMatch(
      /: ui\.theme: unknown key \(known keys: color, ascii, readOnly\)$/,
    );
  });

  it('wrong type', async () => {
    const { file, error } = await broken('sim:\n  scale: lots\n');
    expect(error.keyPath).toBe('sim.scale');
    expect(error.message).toBe(`${file}: sim.scale: expected a positive integer, got "lots"`);
  });

  it('a scalar where a section belongs', async () => {
    const { file, error } = await broken('ui: fancy\n');
    expect(error.message).toBe(`${file}: ui: expected a mapping, got "fancy"`);
  });

  it('booleans must be booleans', async () => {
    const { error } = await broken('ui:\n  readOnly: yes\n');
    expect(error.message).toMatch(/: ui\.readOnly: expected true or false, got "yes"$/);
  });

  it('negative scale', async () => {
    const { file, error } = await broken('sim:\n  scale: -5\n');
    expect(error.message).toBe(`${file}: sim.scale: expected a positive integer, got -5`);
  });

  it('scale above the maximum', async () => {
    const { error } = await broken('sim:\n  scale: 20001\n');
    expect(error.message).toMatch(/: sim\.scale: expected at most 20000 machines, got 20001$/);
  });

  it('bad duration "5 parsecs"', async () => {
    const { file, error } = await broken('refresh:\n  interval: 5 parsecs\n');
    expect(error.keyPath).toBe('refresh.interval');
    expect(error.message).toBe(
      `${file}: refresh.interval: expected a duration like "500ms", "5s", "2m" or "1h", or a number of milliseconds, got "5 parsecs"`,
    );
  });

  it('duration below the minimum', async () => {
    const { error } = await broken('refresh:\n  timeout: 50ms\n');
    expect(error.message).toMatch(/: refresh\.timeout: expected a duration of at least 100ms, got "50ms"$/);
  });

  it('bad scenario lists the valid ones and suggests the closest', async () => {
    const { file, error } = await broken('sim:\n  scenario: k3s-lots\n');
    expect(error.keyPath).toBe('sim.scenario');
    expect(error.message).toBe(
      `${file}: sim.scenario: expected one of ${SCENARIOS.join(', ')}, got "k3s-lots" (did you mean "k3s-lost"?)`,
    );
  });

  it('sizeDropRatio 2', async () => {
    const { file, error } = await broken('health:\n  sizeDropRatio: 2\n');
    expect(error.message).toBe(`${file}: health.sizeDropRatio: expected a number between 0 and 1 (exclusive), got 2`);
  });

  it('minVersions 0', async () => {
    const { error } = await broken('health:\n  minVersions: 0\n');
    expect(error.message).toMatch(/: health\.minVersions: expected an integer of at least 1, got 0$/);
  });

  it('top-level list', async () => {
    const { file, error } = await broken('- rack\n- sim\n');
    expect(error.keyPath).toBe('');
    expect(error.message).toBe(`${file}: expected a YAML mapping of settings at the top level, got a list (is this the right file?)`);
  });

  it.each([
    ['2026-11-25 03:00', '"2026-11-25 03:00"'],
    ['2026-02-30T03:00:00Z', '"2026-02-30T03:00:00Z"'],
    ['yesterday', '"yesterday"'],
    ['1764039600000', '1764039600000'],
  ])('bad incident time %s', async (value, shown) => {
    const { file, error } = await broken(`incident:\n  startedAt: ${value}\n`);
    expect(error.message).toBe(
      `${file}: incident.startedAt: expected an ISO time with a zone, like 2026-11-25T03:00:00Z, got ${shown}`,
    );
  });

  it('bad mode', async () => {
    const { error } = await broken('mode: live\n');
    expect(error.message).toMatch(/: mode: expected one of sim, real, got "live"$/);
  });

  it('rack name with control characters', async () => {
    const { error } = await broken('rack:\n  name: "a\\u001b[2Jb"\n');
    expect(error.keyPath).toBe('rack.name');
    expect(error.message).toMatch(/: rack\.name: expected a non-empty name without control characters, got "a\\x1b\[2Jb"$/);
    const blank = await broken('rack:\n  name: "  "\n');
    expect(blank.error.keyPath).toBe('rack.name');
    const key = await broken('ui:\n  "\\u001b[31m": 1\n');
    expect(key.error.message).not.toContain('\u001b');
  });
});

describe('bad environment variables and flags name their source', () => {
  it('bad env var', async () => {
    const error = await configError(() => loadConfig({ env: { HOME: '/nonexistent', RACKPILOT_SCALE: 'x' } }));
    expect(error.file).toBe('environment RACKPILOT_SCALE');
    expect(error.message).toBe('environment RACKPILOT_SCALE: sim.scale: expected a positive integer, got "x"');
  });

  it('bad env duration and scenario', async () => {
    const interval = await configError(() =>
      loadConfig({ env: { HOME: '/nonexistent', RACKPILOT_REFRESH_INTERVAL: 'soon' } }),
    );
    expect(interval.message).toMatch(/^environment RACKPILOT_REFRESH_INTERVAL: refresh\.interval: expected a duration/);
    const scenario = await configError(() => loadConfig({ env: { HOME: '/nonexistent', RACKPILOT_SCENARIO: 'oops' } }));
    expect(scenario.message).toMatch(/^environment RACKPILOT_SCENARIO: sim\.scenario: expected one of none, /);
  });

  it('bad flag: the message names the flag, not the config key behind it', async () => {
    const error = await configError(() => loadConfig({ flags: { scale: -1 }, env: { HOME: '/nonexistent' } }));
    expect(error.message).toBe('--scale: expected a positive integer, got -1');
    expect(error.keyPath).toBe('sim.scale');
    const color = await configError(() =>
      loadConfig({ flags: { color: 'blue' as 'auto' }, env: { HOME: '/nonexistent' } }),
    );
    expect(color.message).toBe('--color: expected one of auto, always, never, got "blue"');
    const scenario = await configError(() => loadConfig({ flags: { scenario: 'k3s-lots' }, env: { HOME: '/nonexistent' } }));
    expect(scenario.message).toMatch(/^--scenario: expected one of none, .*, got "k3s-lots" \(did you mean "k3s-lost"\?\)$/);
  });

  it('empty --config', async () => {
    const error = await configError(() => loadConfig({ flags: { config: '' }, env: {} }));
    expect(error.message).toBe('--config: expected a file path, got an empty value');
  });
});
