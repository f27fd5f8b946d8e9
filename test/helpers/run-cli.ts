import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
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

/**
 * runCli without blocking this process: for tests whose server (SSH, metal-api) runs in-process and must keep
 * answering while the program runs. Killed after 30 s like runCli; `children` (killedAfterEach) kills it after a
 * failed test.
 */
export function runCliAsync(args: readonly string[], env: Record<string, string> = {}, children?: Set<ChildProcess>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/rackpilot', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), XDG_CONFIG_HOME: freshConfigHome(), ...env },
    });
    children?.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
