/**
 * Reads a file the operator named (the config file, an SSH identity file, known_hosts) so that a wrong path can
 * neither hang rackpilot nor flood its memory:
 * - Only regular files are read. Opening a FIFO for reading blocks until someone writes to it, and Node opens
 *   files on its thread pool, so such an open keeps the process alive forever; a device (/dev/zero,
 *   /dev/urandom) never ends. stat() follows symlinks, so a link to a device is seen as the device.
 * - The type and size are checked before the file is opened, and again on the opened file (fstat): it may have
 *   been replaced in between. The open is non-blocking, so even a FIFO slipped in at that moment cannot hang it.
 * - At most the limit plus one byte is read, so a file that grows while it is read (or reports size 0, like
 *   /proc files) is still bounded.
 */
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { formatBytes } from '../text/format-bytes';

export interface FileLimit {
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
  /** What the file is, for the size message: "a config file" → "larger than the 1 MB a config file may be". */
  readonly what: string;
}

/** missing: ENOENT/ENOTDIR; denied: EACCES/EPERM; not-regular, too-large: refused by the checks above. */
export type FileProblemKind = 'missing' | 'denied' | 'not-regular' | 'too-large' | 'unreadable';

/** Why a file was not read; the message is a phrase without the path ("is a FIFO (named pipe), expected ..."). */
export class FileProblem extends Error {
  readonly kind: FileProblemKind;
  readonly path: string;
  constructor(path: string, kind: FileProblemKind, problem: string, options: { cause?: unknown } = {}) {
    super(problem, options);
    this.name = 'FileProblem';
    this.kind = kind;
    this.path = path;
  }
}

/** What a file that is not a regular one is, in the words `ls -l` and stat(1) use. */
export function fileKind(info: Stats): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

// "1 MB" rather than formatBytes' "1.0 MB": limits are round numbers.
const limitText = (bytes: number): string => formatBytes(bytes).replace(/\.0 /, ' ');

function sizeText(size: number, limit: number): string {
  // 1,000,001 bytes would read "1.0 MB, larger than the 1 MB ...": show the bytes when the rounding hides the excess.
  const shown = formatBytes(size);
  return shown.replace(/\.0 /, ' ') === limitText(limit) ? `${size} bytes` : shown;
}

function tooLarge(path: string, limit: FileLimit, size?: number): FileProblem {
  const what = size === undefined ? 'is larger than' : `is ${sizeText(size, limit.maxBytes)}, larger than`;
  return new FileProblem(path, 'too-large', `${what} the ${limitText(limit.maxBytes)} ${limit.what} may be`);
}

function check(path: string, info: Stats, limit: FileLimit): void {
  if (!info.isFile()) throw new FileProblem(path, 'not-regular', `is ${fileKind(info)}, expected a regular file`);
  if (info.size > limit.maxBytes) throw tooLarge(path, limit, info.size);
}

function systemProblem(path: string, error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileProblem(path, 'missing', 'no such file', { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new FileProblem(path, 'denied', 'permission denied', { cause: error });
  if (code === 'ELOOP') return new FileProblem(path, 'unreadable', 'too many symbolic links (a loop?)', { cause: error });
  return new FileProblem(path, 'unreadable', `cannot read it (${code ?? (error instanceof Error ? error.message : String(error))})`, { cause: error });
}

const CHUNK = 64 * 1024;
// O_NONBLOCK does not exist on Windows; there a FIFO cannot be named by a path anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's text (UTF-8); throws FileProblem for anything but a regular file of at most `limit.maxBytes`. */
export async function readBoundedFile(path: string, limit: FileLimit): Promise<string> {
  let handle: FileHandle;
  try {
    check(path, await stat(path), limit);
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw error instanceof FileProblem ? error : systemProblem(path, error);
  }
  try {
    check(path, await handle.stat(), limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, limit.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit.maxBytes) throw tooLarge(path, limit);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (error) {
    throw error instanceof FileProblem ? error : systemProblem(path, error);
  } finally {
    await handle.close();
  }
}
