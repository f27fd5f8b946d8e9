/**
 * Config and files, as the built program: durations over 24h, a FIFO, a device, a directory or a 10 MB file named
 * as the config, a private key given as the config, the same kinds of path as a switch's identityFile or
 * knownHosts, and the simulated rack's flags with a real rack's config. Each answer is one line and prompt: the
 * hangs these replace lasted forever (a FIFO) or 20 s (a 10 MB parse). Each run takes 0.2-0.3 s even while the
 * other e2e tests run in parallel, so the 1 s of the done-when is the bound.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import { type CliResult, runCli } from '../helpers/run-cli';

const PROMPT_MS = 1000;
const dir = testDir('rackpilot-cfg-files-');
let count = 0;

function file(name: string, text: string | Buffer): string {
  const path = join(dir, `${++count}-${name}`);
  writeFileSync(path, text);
  return path;
}

function fifo(): string {
  const path = join(dir, `${++count}-fifo`);
  execFileSync('mkfifo', [path]);
  return path;
}

function timed(args: readonly string[], env: Record<string, string> = {}): CliResult & { ms: number } {
  const started = Date.now();
  const r = runCli(args, env);
  return { ...r, ms: Date.now() - started };
}

/** A usage error: exit 64, one line on stderr, nothing on stdout, promptly. */
function expectRefused(r: CliResult & { ms: number }, line: string): void {
  expect(r.stderr).toBe(`rackpilot: ${line}\n`);
  expect(r.code).toBe(64);
  expect(r.stdout).toBe('');
  expect(r.ms).toBeLessThan(PROMPT_MS);
}

describe('the config file: bounded durations, regular files only, nothing echoed', () => {
  it('a 600h timeout is refused, naming the key', () => {
    const config = file('ovf.yaml', 'ssh:\n  commandTimeout: 600h\n  connectTimeout: 1s\n');
    expectRefused(timed(['status', '--config', config]), `${config}: ssh.commandTimeout: expected a duration of at most 24h, got "600h"`);
    const interval = file('ovf-interval.yaml', 'refresh:\n  interval: 600h\n');
    expectRefused(timed(['status', '--config', interval]), `${interval}: refresh.interval: expected a duration of at most 24h, got "600h"`);
  });

  it('a FIFO named by --config or RACKPILOT_CONFIG is refused without being opened', () => {
    const path = fifo();
    expectRefused(timed(['status', '--config', path]), `${path}: is a FIFO (named pipe), expected a regular file`);
    expectRefused(timed(['status'], { RACKPILOT_CONFIG: path }), `${path}: is a FIFO (named pipe), expected a regular file`);
  });

  it('a character device (also behind a symlink) and a directory are refused', () => {
    expectRefused(timed(['status', '--config', '/dev/zero']), '/dev/zero: is a character device, expected a regular file');
    const link = join(dir, 'urandom-link');
    symlinkSync('/dev/urandom', link);
    expectRefused(timed(['doctor', '--config', link]), `${link}: is a character device, expected a regular file`);
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder);
    expectRefused(timed(['status', '--config', folder]), `${folder}: is a directory, expected a regular file`);
  });

  it('a 10 MB config is refused by its size', () => {
    const big = file('big.yaml', `# ${'x'.repeat(10_000_000 - 3)}\n`);
    expectRefused(timed(['status', '--config', big]), `${big}: is 10.0 MB, larger than the 1 MB a config file may be`);
  });

  it('a private key given as the config is not echoed', () => {
    const key = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const r = timed(['status', '--config', key]);
    expectRefused(r, `${key}: expected a YAML mapping of settings at the top level, got a string (is this the right file?)`);
    expect(r.stderr).not.toMatch(/BEGIN|PRIVATE|b3Bl/);
  });
});

describe("a switch's identityFile and knownHosts: the switch's connection error, promptly", () => {
  const realConfig = (identityFile: string, knownHosts: string) =>
    file('real.yaml', `switches:\n  - { name: leaf01, role: leaf, address: 127.0.0.1, port: 1, identityFile: ${identityFile}, knownHosts: ${knownHosts} }\n`);
  const key = () => file('key', 'not a key, never sent\n');

  it.each([
    ['a FIFO', fifo, 'is a FIFO (named pipe), expected a regular file'],
    ['/dev/zero', () => '/dev/zero', 'is a character device, expected a regular file'],
    ['a directory', () => dir, 'is a directory, expected a regular file'],
  ])('identityFile is %s', (_, path, problem) => {
    const identity = path();
    const r = timed(['status', '--config', realConfig(identity, join(dir, 'known_hosts'))]);
    // Every switch unreachable is critical (2); "no source could be read" (3) is the other possible verdict.
    expect([2, 3], r.stderr).toContain(r.code);
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`switch leaf01 cannot be read: cannot read identity file ${identity} (${problem})`);
    expect(r.ms).toBeLessThan(PROMPT_MS);
  });

  it.each([
    ['a FIFO', fifo, 'is a FIFO (named pipe), expected a regular file'],
    ['/dev/zero', () => '/dev/zero', 'is a character device, expected a regular file'],
    ['a directory', () => dir, 'is a directory, expected a regular file'],
  ])('knownHosts is %s', (_, path, problem) => {
    const knownHosts = path();
    const r = timed(['status', '--config', realConfig(key(), knownHosts)]);
    expect([2, 3], r.stderr).toContain(r.code);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`switch leaf01 cannot be read: cannot read ${knownHosts} to check the host key (${problem})`);
    expect(r.stdout).not.toContain('never sent');
    expect(r.ms).toBeLessThan(PROMPT_MS);
  });

  it('doctor says the same on the switch line and exits 2', () => {
    const identity = fifo();
    const r = timed(['doctor', '--config', realConfig(identity, join(dir, 'known_hosts'))]);
    expect(r.code, r.stderr).toBe(2);
    // The verdict line, then what failed under it (wrapped to 80 columns).
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`leaf01 FAIL [^→]*cannot read identity file ${identity} \\(is a FIFO \\(named pipe\\), expected a regular file\\)`));
    expect(r.ms).toBeLessThan(PROMPT_MS);
  });
});

describe("the simulated rack's flags with a real rack's config", () => {
  const switches = ['leaf01', 'leaf02', 'spine', 'exit'].map((n, i) => `  - { name: ${n}, role: leaf, address: 10.0.0.${i + 1} }\n`);
  const real = () => file('rack.yaml', `switches:\n${switches.join('')}`);

  it.each([
    ['status', '--scenario', 'k3s-lost'],
    ['status', '--scale', '50'],
    ['status', '--seed', '7'],
    ['tui', '--scenario', 'rack-lost'],
    ['recover', '--scale', '50'],
    ['bootstrap', '--seed', '7'],
  ])('%s %s is refused, naming the file and its switches', (command, flag, value) => {
    const config = real();
    const r = timed([command, flag, value, '--config', config]);
    expect(r.code).toBe(64);
    expect(r.stderr.split('\n')[0]).toBe(`rackpilot: ${flag} applies to the simulated rack only; ${config} describes a real rack (switches: leaf01, leaf02, spine, …)`);
    expect(r.stdout).toBe('');
  });

  it('--scale -5 says what --scale takes', () => {
    expectRefused(timed(['status', '--scale', '-5']), '--scale: expected a whole number of machines from 1 to 20000, got -5');
  });
});
