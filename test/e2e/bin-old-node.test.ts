import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The system's own Node (outside node_modules), if it is older than 22: what a user might run the bin with. */
function findOldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.replace(/^v/, '').split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

const oldNode = findOldNode();

describe('bin/rackpilot on an old Node.js', () => {
  it.skipIf(!oldNode)('runs itself with the pinned Node installed beside it, exit codes passed through (skipped: no Node < 22 on PATH)', () => {
    const version = spawnSync(oldNode as string, ['bin/rackpilot', '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^rackpilot \d+\.\d+\.\d+/);
    const typo = spawnSync(oldNode as string, ['bin/rackpilot', 'help', 'nope'], { encoding: 'utf8' });
    expect(typo.status).toBe(64);
    expect(typo.stderr).toMatch(/unknown command "nope"/);
  });

  it.skipIf(!oldNode)('without a pinned Node beside it, prints a clear message and exits 1 (skipped: no Node < 22 on PATH)', () => {
    // The bin alone, as if installed without its node_modules.
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync('bin/rackpilot', join(dir, 'bin', 'rackpilot'));
    const r = spawnSync(oldNode as string, [join(dir, 'bin', 'rackpilot'), 'status'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/rackpilot needs Node\.js 22 or newer, but this is Node\.js v\d+/);
    expect(r.stdout).toBe('');
  });
});
