/**
 * The start-up path's layers without the schema (src/config/plain-layers.ts) must never accept what the schema
 * refuses, nor read a value differently: for any value of any key it checks, a plain layer is exactly the schema's.
 * And a start without a config file whose flags and variables are plainly valid gives the same config as the schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors';
import { type ConfigFlags, type Env, ENV_VARS, loadConfig, MAX_SIM_SCALE, SCENARIOS } from '../../src/config';
import { envLayers } from '../../src/config/env-layers';
import { flagLayers } from '../../src/config/flags';
import { nest, plainEnvLayers, plainFlagLayers, plainLayer } from '../../src/config/plain-layers';
import { resolveConfig } from '../../src/config/defaults';
import { validateLayer } from '../../src/config/validate';
import { fuzzParams } from '../helpers/fuzz';

const KEYS = ['mode', 'sim.scenario', 'sim.scale', 'sim.seed', 'ui.readOnly', 'ui.ascii', 'ui.color', 'rack.name', 'refresh.interval'];
const near = fc.constantFrom(0, 1, -1, 1.5, MAX_SIM_SCALE, MAX_SIM_SCALE + 1, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1e21, -0);
const words = fc.constantFrom(...SCENARIOS, 'sim', 'real', 'auto', 'always', 'never', 'None', ' none', 'true', '', '5s');
const anyValue = fc.oneof(near, words, fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));

function schemaLayer(key: string, value: unknown): { ok: true; layer: unknown } | { ok: false } {
  try {
    return { ok: true, layer: validateLayer(nest(key, value), '--test') };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false };
    throw error;
  }
}

describe('plain layers (the start-up path without zod)', () => {
  it('accept a value only when the schema accepts it, and read it as the schema does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), anyValue, (key, value) => {
        const plain = plainLayer(key, value);
        if (plain === undefined) return;
        const schema = schemaLayer(key, value);
        expect(schema.ok).toBe(true);
        if (schema.ok) expect(plain).toStrictEqual(schema.layer);
      }),
      fuzzParams(2000),
    );
  });

  it('take the common starts: a scale, a scenario, the TUI flags, NO_COLOR', () => {
    expect(plainFlagLayers({ scale: 10000, scenario: 'rack-lost', seed: 7, readOnly: true, ascii: false, color: 'never' })).toHaveLength(6);
    expect(plainEnvLayers({ NO_COLOR: '1', RACKPILOT_SCALE: '1700', HOME: '/root' })).toEqual([{ sim: { scale: 1700 } }, { ui: { color: 'never' } }]);
    // Left to the schema, for its message: a scenario not in the list, a duration, a name.
    expect(plainFlagLayers({ scenario: 'rack-gone' })).toBeUndefined();
    expect(plainEnvLayers({ RACKPILOT_REFRESH_INTERVAL: '5s' })).toBeUndefined();
  });

  it('give the same config as the schema for any start without a file', async () => {
    const envVar = fc.constantFrom(...ENV_VARS.filter((v) => v.key !== null).map((v) => v.name));
    const envText = fc.oneof(fc.constantFrom('1', '1700', '0', 'x', 'none', 'rack-lost', 'real', 'sim', '5s', ' 12 '), fc.string({ maxLength: 8 }));
    const flags = fc.record(
      { scale: fc.oneof(fc.integer({ min: -2, max: MAX_SIM_SCALE + 2 }), near), scenario: fc.oneof(words, fc.string()), seed: fc.oneof(fc.integer(), near), readOnly: fc.boolean(), color: words },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(envVar, envText, { maxKeys: 3 }), flags, async (env: Env, given) => {
        // Colours outside the list on purpose: the CLI hands over what was typed.
        const f = given as ConfigFlags;
        const plain = [plainEnvLayers(env), plainFlagLayers(f)];
        if (!plain[0] || !plain[1]) return;
        const viaSchema = await resolveConfig([...envLayers(env), ...flagLayers(f)]);
        expect(await resolveConfig([...plain[0], ...plain[1]])).toStrictEqual(viaSchema);
        const loaded = await loadConfig({ flags: f, env: { ...env, XDG_CONFIG_HOME: '/nonexistent-rackpilot-test' } });
        expect(loaded.config).toStrictEqual(viaSchema);
      }),
      fuzzParams(300),
    );
  });
});
