import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * vitest global setup: bundle dist/rackpilot.js so end-to-end tests run the program users run. A failed build
 * removes the old bundle (so no end-to-end test can pass against stale code) but lets unit tests run.
 */
export default function setup(): void {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'pipe' });
  } catch (error) {
    rmSync('dist/rackpilot.js', { force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    console.warn(`build failed, end-to-end tests will fail:\n${stderr.slice(0, 2000)}`);
  }
}
