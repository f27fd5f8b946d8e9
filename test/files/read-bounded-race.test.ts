// A file replaced by a FIFO between the stat and the open: the open must not block, and the check on the opened
// file must refuse it. stat is made to report a regular file to stage that moment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'rackpilot-files-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const regular = statSync(import.meta.filename);

vi.mock('node:fs/promises', async (original) => ({ ...(await original<typeof import('node:fs/promises')>()), stat: async () => regular }));

describe('readBoundedFile when the file changes after the stat', () => {
  it('opens without blocking and refuses the FIFO it found', { timeout: 2000 }, async () => {
    const { readBoundedFile } = await import('../../src/files/read-bounded');
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readBoundedFile(fifo, { maxBytes: 1_000_000, what: 'a test file' })).rejects.toThrow('is a FIFO (named pipe), expected a regular file');
  });
});
