/**
 * Fuzz test of the config loader: random bytes, random YAML documents, and a full valid config with random parts
 * replaced, renamed or nested. Whatever the file holds, loading gives a config or one ConfigError: one line, no
 * raw control character, bounded, and never the content of a secret that the file held.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config';
import { UsageError } from '../../src/errors';
import { fuzzParams } from '../helpers/fuzz';
import { mutated } from '../helpers/mutate-json';
import { tempDir } from './helpers';

const SECRET = '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAAc2VjcmV0LXNlY3JldA';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const VALID = {
  rack: { name: 'mini-rack' },
  mode: 'real',
  refresh: { interval: '5s', timeout: '10s' },
  ssh: { knownHosts: '/etc/ssh/known_hosts', connectTimeout: '3s', commandTimeout: '5s', concurrency: 8 },
  switches: [
    { name: 'spine', role: 'spine', address: '10.0.0.1', user: 'admin', identityFile: '/root/.ssh/id' },
    { name: 'leaf01', role: 'leaf', address: '10.0.0.11', port: 22, jumpHost: { address: 'bastion', user: 'ops' } },
  ],
  links: [{ a: 'spine:Ethernet0', b: 'leaf01:Ethernet120' }],
  health: { sizeDropRatio: 0.5 },
};

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(SECRET, '600h', '1e400', '-5s', '__proto__', 'constructor', '\u001b]0;x\u0007', 'a\nb', '\u202e', '/dev/zero', '/', '~', '0'),
);
const hostileValue = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(1e308, -1, 2 ** 31, 0.5, null, true));
const mutatedConfig = mutated(VALID, hostileValue, hostileString, 4).map((v) => stringify(v));
const anyFile = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)), mutatedConfig);

describe('fuzz: the config loader', () => {
  it('loads a config or refuses with one short visible line, and never shows a secret the file held', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyFile, async (text) => {
        const file = join(dir, `c${n++}.yaml`);
        writeFileSync(file, text);
        try {
          await loadConfig({ flags: { config: file }, env: {}, cwd: dir });
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          const message = (error as Error).message;
          expect(message).not.toMatch(RAW);
          expect(message.length).toBeLessThan(500);
          expect(message).not.toContain('c2VjcmV0');
        }
      }),
      fuzzParams(200),
    );
  });
});
