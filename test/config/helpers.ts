import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { ConfigError } from '../../src/errors';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-config-'));
  dirs.push(dir);
  return dir;
}

/** Writes `text` to `name` inside a fresh temp dir and returns the absolute path. */
export function writeConfig(text: string, name = 'config.yaml', dir = tempDir()): string {
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Runs `fn`, which must reject with a ConfigError; returns it for assertions. */
export async function configError(fn: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Whatever went wrong, the operator never sees zod internals or a stack.
      const text = `${error.message}`;
      if (/ZodError|invalid_type|\n\s+at /.test(text)) throw new Error(`leaky message: ${text}`);
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError, but loading succeeded');
}
