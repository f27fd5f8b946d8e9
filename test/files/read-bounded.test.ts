// The one reader of files the operator names: regular files only, bounded, and never a blocking open.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileProblem, readBoundedFile } from '../../src/files/read-bounded';

const dir = mkdtempSync(join(tmpdir(), 'rackpilot-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LIMIT = { maxBytes: 1000, what: 'a test file' };

async function problem(path: string, limit = LIMIT): Promise<FileProblem> {
  const error = await readBoundedFile(path, limit).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FileProblem)) throw new Error(`expected a FileProblem, got ${String(error)}`);
  expect(error.path).toBe(path);
  return error;
}

describe('readBoundedFile', () => {
  it('reads a regular file, also through a symlink', async () => {
    const file = join(dir, 'ok.txt');
    writeFileSync(file, 'héllo\n');
    symlinkSync(file, join(dir, 'ok-link'));
    await expect(readBoundedFile(file, LIMIT)).resolves.toBe('héllo\n');
    await expect(readBoundedFile(join(dir, 'ok-link'), LIMIT)).resolves.toBe('héllo\n');
  });

  it('reads a file of exactly the limit', async () => {
    const file = join(dir, 'exact.txt');
    writeFileSync(file, 'x'.repeat(1000));
    await expect(readBoundedFile(file, LIMIT)).resolves.toHaveLength(1000);
  });

  // Opening a FIFO for reading blocks until a writer comes; the test would time out if it were opened.
  it('refuses a FIFO without opening it', { timeout: 2000 }, async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const error = await problem(fifo);
    expect(error).toMatchObject({ kind: 'not-regular', message: 'is a FIFO (named pipe), expected a regular file' });
  });

  it('refuses devices, also behind a symlink, and directories', async () => {
    symlinkSync('/dev/urandom', join(dir, 'random-link'));
    expect((await problem('/dev/zero')).message).toBe('is a character device, expected a regular file');
    expect((await problem(join(dir, 'random-link'))).message).toBe('is a character device, expected a regular file');
    mkdirSync(join(dir, 'a-dir'));
    expect((await problem(join(dir, 'a-dir'))).message).toBe('is a directory, expected a regular file');
  });

  it('refuses a socket', async () => {
    const path = join(dir, 'sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect((await problem(path)).message).toBe('is a socket, expected a regular file');
    } finally {
      server.close();
    }
  });

  it('refuses a file over the limit by its size, before reading it', async () => {
    const file = join(dir, 'big.txt');
    writeFileSync(file, Buffer.alloc(10_000_000, 'a'));
    const started = Date.now();
    const error = await problem(file, { maxBytes: 1_000_000, what: 'a config file' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ kind: 'too-large', message: 'is 10.0 MB, larger than the 1 MB a config file may be' });
  });

  it('shows the bytes when rounding would hide the excess', async () => {
    const file = join(dir, 'just-over.txt');
    writeFileSync(file, Buffer.alloc(1001, 'a'));
    expect((await problem(file, { maxBytes: 1000, what: 'a key' })).message).toBe('is 1001 bytes, larger than the 1 KB a key may be');
  });

  // /proc files report size 0: only the bounded read catches what they hold.
  it('bounds what it reads, whatever size stat reported', async () => {
    const error = await problem('/proc/self/environ', { maxBytes: 1, what: 'a test file' });
    expect(error).toMatchObject({ kind: 'too-large', message: 'is larger than the 1 B a test file may be' });
  });

  it('says when the file is missing or not readable', async () => {
    expect(await problem(join(dir, 'nope'))).toMatchObject({ kind: 'missing', message: 'no such file' });
    const file = join(dir, 'ok.txt', 'below-a-file');
    expect(await problem(file)).toMatchObject({ kind: 'missing' });
    const locked = join(dir, 'locked.txt');
    writeFileSync(locked, 'x', { mode: 0o000 });
    // root reads anything; the check only means something for other users.
    if (process.getuid?.() !== 0) expect(await problem(locked)).toMatchObject({ kind: 'denied', message: 'permission denied' });
  });
});
