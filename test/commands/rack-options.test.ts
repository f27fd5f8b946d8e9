// The simulated rack's flags are refused with a config that describes a real rack, instead of being ignored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../commands/io';
import { loadRackConfig } from '../../commands/rack-options';
import { UsageError } from '../../src/errors';

const dir = mkdtempSync(join(tmpdir(), 'rackpilot-rack-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io: Io = { stdout: () => {}, stderr: () => {}, env: { HOME: dir } };

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const TWO = config('two.yaml', 'switches:\n  - { name: leaf01, role: leaf, address: 10.0.0.1 }\n  - { name: leaf02, role: leaf, address: 10.0.0.2 }\n');
const FIVE = config('five.yaml', `switches:\n${[1, 2, 3, 4, 5].map((i) => `  - { name: sw${i}, role: leaf, address: 10.0.0.${i} }\n`).join('')}`);

async function refusal(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UsageError)) throw new Error(`expected a UsageError, got ${String(error)}`);
  return error;
}

describe('loadRackConfig: flags of the simulated rack on a real rack', () => {
  it.each(['scenario', 'scale', 'seed'] as const)('refuses --%s, naming the file and its switches', async (flag) => {
    const value = flag === 'scenario' ? 'k3s-lost' : '5';
    const error = await refusal(loadRackConfig({ config: TWO, [flag]: value }, io));
    expect(error.message).toBe(`--${flag} applies to the simulated rack only; ${TWO} describes a real rack (switches: leaf01, leaf02)`);
    expect(error.exitCode).toBe(64);
  });

  it('lists at most three switches', async () => {
    const error = await refusal(loadRackConfig({ config: FIVE, scale: '5' }, io));
    expect(error.message).toMatch(/describes a real rack \(switches: sw1, sw2, sw3, …\)$/);
  });

  it('names mode: real when no switch is listed and no file was read', async () => {
    const error = await refusal(loadRackConfig({ scenario: 'k3s-lost' }, { ...io, env: { HOME: dir, RACKPILOT_MODE: 'real' } }));
    expect(error.message).toBe('--scenario applies to the simulated rack only; the configuration describes a real rack (mode: real)');
  });

  it('lets a command keep a flag that means something on a real rack too', async () => {
    const loaded = await loadRackConfig({ config: TWO, scenario: 'k3s-lost' }, io, { simOnly: ['scale', 'seed'] });
    expect(loaded.config.mode).toBe('real');
  });

  it('takes the flags on the simulated rack, also with switches listed under mode: sim', async () => {
    const sim = config('sim.yaml', 'mode: sim\nswitches:\n  - { name: leaf01, role: leaf, address: 10.0.0.1 }\n');
    const loaded = await loadRackConfig({ config: sim, scenario: 'k3s-lost', scale: '50', seed: '3' }, io);
    expect(loaded.config.sim).toEqual({ seed: 3, scenario: 'k3s-lost', scale: 50 });
  });

  it('notes environment variables of the simulated rack that a real rack ignores, rather than refusing them', async () => {
    const loaded = await loadRackConfig({ config: TWO }, { ...io, env: { HOME: dir, RACKPILOT_SCENARIO: 'k3s-lost', RACKPILOT_SCALE: '' } });
    expect(loaded.notices).toContain('RACKPILOT_SCENARIO set but ignored: the simulated rack only; this is a real rack');
  });
});
