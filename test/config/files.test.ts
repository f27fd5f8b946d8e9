// The config file is read only when it is a regular file of at most 1 MB: a FIFO would block the open forever, a
// device never ends, and a 10 MB file took 20 s and 1.5 GB to parse.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configError, tempDir, writeConfig } from './helpers';

const fromFlag = (file: string) => configError(() => loadConfig({ flags: { config: file }, env: {} }));

describe('the config file must be a regular file of at most 1 MB', () => {
  it('refuses a FIFO at once, from --config and from RACKPILOT_CONFIG', { timeout: 2000 }, async () => {
    const fifo = join(tempDir(), 'config.yaml');
    execFileSync('mkfifo', [fifo]);
    expect((await fromFlag(fifo)).message).toBe(`${fifo}: is a FIFO (named pipe), expected a regular file`);
    const env = await configError(() => loadConfig({ env: { RACKPILOT_CONFIG: fifo } }));
    expect(env.message).toBe(`${fifo}: is a FIFO (named pipe), expected a regular file`);
  });

  it('refuses a FIFO at the default location instead of skipping it', { timeout: 2000 }, async () => {
    const xdg = tempDir();
    mkdirSync(join(xdg, 'rackpilot'));
    execFileSync('mkfifo', [join(xdg, 'rackpilot', 'config.yaml')]);
    const error = await configError(() => loadConfig({ env: { XDG_CONFIG_HOME: xdg } }));
    expect(error.message).toMatch(/config\.yaml: is a FIFO \(named pipe\), expected a regular file$/);
  });

  it('refuses devices, also behind a symlink', async () => {
    expect((await fromFlag('/dev/zero')).message).toBe('/dev/zero: is a character device, expected a regular file');
    const link = join(tempDir(), 'config.yaml');
    symlinkSync('/dev/urandom', link);
    expect((await fromFlag(link)).message).toBe(`${link}: is a character device, expected a regular file`);
  });

  it('refuses a 10 MB file by its size, quickly', async () => {
    const file = writeConfig(`# ${'x'.repeat(10_000_000 - 3)}\n`);
    const started = Date.now();
    const error = await fromFlag(file);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(`${file}: is 10.0 MB, larger than the 1 MB a config file may be`);
  });

  it('reads a file of just under 1 MB', async () => {
    const file = writeConfig(`rack:\n  name: big\n# ${'x'.repeat(999_000)}\n`);
    expect((await loadConfig({ flags: { config: file }, env: {} })).config.rack.name).toBe('big');
  });
});
