import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An empty XDG config home, so no operator config on this machine leaks into a test. */
export function freshConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'rackpilot-cfg-'));
}

/** Runs the built program (bin/rackpilot → dist/rackpilot.js) as a child process, as a script would. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, ['bin/rackpilot', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), XDG_CONFIG_HOME: freshConfigHome(), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
